import { DefaultServiceRegistry, UriUtils, type LangiumCoreServices, type URI } from 'langium';

/**
 * hitl is the only language here, so a file handed over explicitly is hitl whatever its extension
 * (`hitl check org.txt`). `hasServices` stays by extension: it decides which files of a folder
 * the workspace loads.
 */
export class HitlServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        const languages = this.all;
        return languages.length === 1 ? languages[0] : super.getServices(uri);
    }

    // Langium's own asks getServices, which would now say yes to every file of a folder.
    override hasServices(uri: URI): boolean {
        return this.fileNameMap.has(UriUtils.basename(uri)) || this.fileExtensionMap.has(UriUtils.extname(uri));
    }
}
