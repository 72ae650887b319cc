/** The corpus defaults the command line shows in its help, without loading the database drivers. */
export const DEFAULT_DB = 'gongkai.db';
