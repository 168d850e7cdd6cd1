import Database from 'better-sqlite3';

/**
 * An exclusive lock on a small SQLite file beside what it guards, held by one connection until
 * release(). SQLite takes it with the operating system's file locks, so it is refused to any other
 * connection, in this process or another, and the operating system drops it when the holder ends,
 * also on SIGKILL: there is never a stale lock to clear by hand.
 */
export class FileLock {
  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
  ) {}

  /** The lock, or null when another connection holds it. */
  static tryAcquire(path: string): FileLock | null {
    const db = new Database(path, { timeout: 0 });
    try {
      // In EXCLUSIVE locking mode a connection keeps the lock of its first write until it closes.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec(`BEGIN EXCLUSIVE;
        CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL);
        DELETE FROM holder;
        INSERT INTO holder VALUES (${process.pid}, '${new Date().toISOString()}');
        COMMIT`);
      return new FileLock(path, db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
      throw error;
    }
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
