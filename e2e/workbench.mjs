// Driving code-server's workbench from the browser, shared by the UI checks.

/**
 * Runs a command from the command palette by its title. The palette is opened with F1 and only
 * typed into once its input is there: keys typed before it appears would go to the editor, both
 * losing the command and editing the file under test. F1 is pressed again if the palette does
 * not open, since the workbench may still be taking focus after a page load.
 */
export async function runCommand(page, title, { timeout = 15_000 } = {}) {
    const input = page.locator('.quick-input-widget input');
    const end = Date.now() + timeout;
    for (;;) {
        await page.keyboard.press('F1');
        try {
            await input.waitFor({ state: 'visible', timeout: 3_000 });
            break;
        } catch (error) {
            if (Date.now() > end) throw new Error(`the command palette did not open within ${timeout / 1000} s`, { cause: error });
        }
    }
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
        await row.click({ timeout: Math.max(end - Date.now(), 5_000) });
    } catch (error) {
        const listed = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts().catch(() => []);
        throw new Error(`the command palette lists no '${title}' (it lists: ${listed.slice(0, 5).join(' | ') || 'nothing'})`, { cause: error });
    }
}

/**
 * One browser check in a page of its own: `body` drives the page and returns what the record
 * says on success; an error fails the check with its first line. The page's screenshot is taken
 * either way, to show what the check saw.
 */
export async function browserCheck({ browser, viewport, record }, { name, screenshot }, body) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    let ok = false;
    let detail = '';
    try {
        detail = await body(page);
        ok = true;
    } catch (error) {
        detail = error.message.split('\n')[0];
    } finally {
        await page.screenshot({ path: screenshot }).catch(() => {});
        await context.close();
    }
    record(ok, name, detail);
}
