import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';

/**
 * A read-only file system over files held in memory (absolute paths → bytes): a revision read
 * from git, or a test's workspace. Folders are implied by the files under them.
 */
export class MemoryFileSystemProvider implements FileSystemProvider {
    private readonly files: ReadonlyMap<string, Uint8Array>;

    constructor(files: ReadonlyMap<string, Uint8Array>) {
        this.files = files;
    }

    private isFolder(path: string): boolean {
        const prefix = path.endsWith('/') ? path : `${path}/`;
        for (const file of this.files.keys()) if (file.startsWith(prefix)) return true;
        return false;
    }

    statSync(uri: URI): FileSystemNode {
        if (this.files.has(uri.path)) return { isFile: true, isDirectory: false, uri };
        if (this.isFolder(uri.path)) return { isFile: false, isDirectory: true, uri };
        throw Object.assign(new Error(`ENOENT: ${uri.path}`), { code: 'ENOENT' });
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }

    existsSync(uri: URI): boolean {
        return this.files.has(uri.path) || this.isFolder(uri.path);
    }

    async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        const bytes = this.files.get(uri.path);
        if (!bytes) throw Object.assign(new Error(`ENOENT: ${uri.path}`), { code: 'ENOENT' });
        return bytes;
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    readFileSync(uri: URI): string {
        return new TextDecoder().decode(this.readBinarySync(uri));
    }

    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
        const children = new Map<string, FileSystemNode>();
        for (const file of this.files.keys()) {
            if (!file.startsWith(prefix)) continue;
            const [name, ...rest] = file.slice(prefix.length).split('/');
            const child = URI.file(`${prefix}${name}`);
            children.set(name, { isFile: rest.length === 0, isDirectory: rest.length > 0, uri: child });
        }
        return [...children.keys()].sort().map((name) => children.get(name)!);
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.readDirectorySync(uri);
    }
}
