import type { AstNode } from 'langium';
import { partyLabel, type ChainLevel } from './escalation.js';
import { quoted } from '../util/names.js';

export function levelRelated(level: ChainLevel, index: number): { node: AstNode; message: string } {
    return { node: level.node, message: `level ${index + 1}: ${level.party ? partyLabel(level.party) : `${quoted(level.name)}`}` };
}
