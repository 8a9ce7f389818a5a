/** Rows → API shapes of the catalog (fields chosen one by one). */
import { audienceNames, channelNames, levelNames, modeNames, type Audience, type Channel, type Level, type Mode } from './channels.ts';
import type { AreaRow, ItemRow } from './catalog.repository.ts';
import { formatTimeRule } from './time-rule.ts';

/** A catalog item. */
export function presentItem(i: ItemRow) {
  return {
    id: i.id,
    agencyId: i.agencyId,
    areaId: i.areaId,
    level1: i.level1,
    level2: i.level2,
    content: i.content,
    basis: i.basis,
    timeRule: i.timeRule,
    /** 公开时限 as the catalog prints it. */
    timeLimit: formatTimeRule(i.timeRule),
    subject: i.subject,
    channels: i.channels,
    channelNames: i.channels.map((c) => channelNames[c as Channel] ?? c),
    audience: i.audience,
    audienceName: audienceNames[i.audience as Audience] ?? i.audience,
    mode: i.mode,
    modeName: modeNames[i.mode as Mode] ?? i.mode,
    level: i.level,
    levelName: levelNames[i.level as Level] ?? i.level,
    sort: i.sort,
    /** 是否需要解读: null = by document type (规章/行政规范性文件). */
    needsInterpretation: i.needsInterpretation,
    lockVersion: i.lockVersion,
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** An area with its items. */
export function presentArea(a: AreaRow, items: ItemRow[]) {
  return { id: a.id, name: a.name, sort: a.sort, items: items.filter((i) => i.areaId === a.id).map(presentItem) };
}
