/** The units a TmIndex holds, by id and by their place in a document. */
import type { Unit } from '../types';

const positionKey = (documentId: string, position: number) => `${documentId}\u0000${position}`;

export class UnitTable {
  private readonly units = new Map<string, Unit>();
  private readonly byPosition = new Map<string, string>();

  get size(): number {
    return this.units.size;
  }

  get(unitId: string): Unit | undefined {
    return this.units.get(unitId);
  }

  /** The unit at a place in a document, if any. */
  at(documentId: string, position: number): Unit | undefined {
    const id = this.byPosition.get(positionKey(documentId, position));
    return id === undefined ? undefined : this.units.get(id);
  }

  /** Ids of the units of a document (a walk over every unit: for a large document's write). */
  ofDocument(documentId: string): string[] {
    const ids: string[] = [];
    for (const unit of this.units.values()) if (unit.documentId === documentId) ids.push(unit.unitId);
    return ids;
  }

  values(): IterableIterator<Unit> {
    return this.units.values();
  }

  /** Puts the unit in (the one it replaces must have been deleted). */
  put(unit: Unit): void {
    this.units.set(unit.unitId, unit);
    if (unit.documentId) this.byPosition.set(positionKey(unit.documentId, unit.position), unit.unitId);
  }

  /** Takes the unit out; the unit taken, if it was there. */
  delete(unitId: string): Unit | undefined {
    const old = this.units.get(unitId);
    if (!old) return undefined;
    this.units.delete(unitId);
    if (old.documentId && this.byPosition.get(positionKey(old.documentId, old.position)) === unitId) {
      this.byPosition.delete(positionKey(old.documentId, old.position));
    }
    return old;
  }

  clear(): void {
    this.units.clear();
    this.byPosition.clear();
  }
}
