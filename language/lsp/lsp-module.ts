import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';

/** Editor services added on top of Langium's defaults (hover, formatting, completion…). */
export type HitlLspServices = object;

export const HitlLspModule: Module<LangiumServices & HitlLspServices, PartialLangiumServices> = {};
