import { ConflictError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';

/** A change to the IaC repository: file contents, or null to delete. */
export type FileChanges = Record<string, string | null>;

/** The branch's files as one commit attempt sees them; paths are relative and use `/`. */
export interface IacTree {
  read(file: string): Promise<string | undefined>;
  /** Files under a directory, recursively. */
  list(dir: string): Promise<string[]>;
  exists(fileOrDir: string): Promise<boolean>;
  write(file: string, content: string): Promise<void>;
  /** Removes a file or a whole directory. */
  remove(fileOrDir: string): Promise<void>;
  apply(changes: FileChanges): Promise<void>;
}

/** The work tree of a checkout; refuses every path that leaves it. */
export class WorkTree implements IacTree {
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private resolve(file: string) {
    const target = path.resolve(this.root, file);
    if (
      file.includes('\0') ||
      !target.startsWith(`${this.root}${path.sep}`) ||
      target.split(path.sep).includes('.git')
    ) {
      throw new ConflictError(
        `Refusing to write outside the repository: ${JSON.stringify(file)}`,
      );
    }
    return target;
  }

  async read(file: string) {
    try {
      return await fs.readFile(this.resolve(file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async exists(fileOrDir: string) {
    return fs.stat(this.resolve(fileOrDir)).then(
      () => true,
      () => false,
    );
  }

  async list(dir: string) {
    return Object.keys(await this.readAll(dir));
  }

  async readAll(dir: string): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    const walk = async (d: string) => {
      let entries;
      try {
        entries = await fs.readdir(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = path.join(d, e.name);
        if (e.isDirectory() && e.name !== '.git') await walk(full);
        else if (e.isFile()) {
          result[path.relative(this.root, full).split(path.sep).join('/')] =
            await fs.readFile(full, 'utf8');
        }
      }
    };
    await walk(this.resolve(dir));
    return result;
  }

  async write(file: string, content: string) {
    const target = this.resolve(file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, 'utf8');
  }

  async remove(fileOrDir: string) {
    await fs.rm(this.resolve(fileOrDir), { recursive: true, force: true });
  }

  async apply(changes: FileChanges) {
    for (const [file, content] of Object.entries(changes)) {
      if (content === null) await this.remove(file);
      else await this.write(file, content);
    }
  }
}
