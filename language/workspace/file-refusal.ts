export type RefusalReason = 'not-regular' | 'too-large' | 'outside-workspace';

/**
 * A file that is there but is not read: a device, a pipe, a link out of the workspace, or too
 * large. File systems throw it; the core turns it into a finding or a workspace error.
 */
export class FileRefusal extends Error {
    constructor(
        readonly reason: RefusalReason,
        message: string,
        /** For 'too-large': the size the file system reports, in bytes. */
        readonly size?: number,
    ) {
        super(message);
    }
}
