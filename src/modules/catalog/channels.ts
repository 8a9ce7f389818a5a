/**
 * 公开渠道和载体: the checkbox set of real 基层 catalogs (DOMAIN.md §3.1), and the other
 * enumerated columns (公开对象, 公开方式, 公开层级) with their Chinese names (pure).
 */
export const channelKeys = [
  'website',
  'newMedia',
  'pressConference',
  'broadcast',
  'print',
  'readingRoom',
  'serviceCenter',
  'serviceStation',
  'doorToDoor',
  'bulletinBoard',
  'targeted',
  'other',
] as const;
export type Channel = (typeof channelKeys)[number];

export const channelNames: Record<Channel, string> = {
  website: '政府网站',
  newMedia: '两微一端',
  pressConference: '发布会/听证会',
  broadcast: '广播电视',
  print: '纸质媒体',
  readingRoom: '公开查阅点',
  serviceCenter: '政务服务中心',
  serviceStation: '便民服务站',
  doorToDoor: '入户/现场',
  bulletinBoard: '社区/企事业单位/村公示栏（电子屏）',
  targeted: '精准推送',
  other: '其他',
};

export const audiences = ['public', 'specific'] as const;
export type Audience = (typeof audiences)[number];
export const audienceNames: Record<Audience, string> = { public: '全社会', specific: '特定群众' };

export const modes = ['proactive', 'request'] as const;
export type Mode = (typeof modes)[number];
export const modeNames: Record<Mode, string> = { proactive: '主动', request: '依申请' };

export const levels = ['county', 'township'] as const;
export type Level = (typeof levels)[number];
export const levelNames: Record<Level, string> = { county: '县级', township: '乡级' };

/** The checkbox cell as printed in catalogs: ■政府网站 □两微一端 … */
export function formatChannels(selected: readonly string[]): string {
  return channelKeys.map((k) => `${selected.includes(k) ? '■' : '□'}${channelNames[k]}`).join(' ');
}

const aliases: Record<string, Channel> = {
  门户网站: 'website',
  网站: 'website',
  政务新媒体: 'newMedia',
  微信: 'newMedia',
  微博: 'newMedia',
  发布会: 'pressConference',
  听证会: 'pressConference',
  广播: 'broadcast',
  电视: 'broadcast',
  报刊: 'print',
  查阅点: 'readingRoom',
  公开查阅室: 'readingRoom',
  政务服务大厅: 'serviceCenter',
  便民服务中心: 'serviceStation',
  入户: 'doorToDoor',
  现场: 'doorToDoor',
  公示栏: 'bulletinBoard',
  公开栏: 'bulletinBoard',
  电子屏: 'bulletinBoard',
  电子信息屏: 'bulletinBoard',
};

/**
 * Reads a channel cell: the checkbox form (only ■/☑/√ marked entries count) or a list
 * separated by 、,，;； or spaces. Returns the keys and the names it did not understand.
 */
export function parseChannels(text: string): { channels: Channel[]; unknown: string[] } {
  const s = text.trim();
  const found = new Set<Channel>();
  const unknown: string[] = [];
  const byName = new Map<string, Channel>(channelKeys.map((k) => [channelNames[k], k]));
  const resolve = (name: string): Channel | undefined => byName.get(name) ?? aliases[name] ?? channelKeys.find((k) => channelNames[k].includes(name) && name.length >= 2);
  if (/[■□☑☐√]/.test(s)) {
    // Checkbox form: take each name after a mark up to the next mark.
    for (const m of s.matchAll(/([■□☑☐√])\s*([^■□☑☐√]+)/g)) {
      if (m[1] === '□' || m[1] === '☐') continue;
      const name = m[2]!.trim();
      const k = resolve(name);
      if (k) found.add(k);
      else unknown.push(name);
    }
  } else {
    for (const part of s.split(/[、,，;；\s]+/).filter(Boolean)) {
      const k = resolve(part);
      if (k) found.add(k);
      else unknown.push(part);
    }
  }
  return { channels: channelKeys.filter((k) => found.has(k)), unknown };
}

/** Reads a Chinese (or code) value of an enumerated column. */
export function parseEnum<K extends string>(names: Record<K, string>, text: string): K | null {
  const s = text.trim();
  for (const [k, v] of Object.entries(names) as Array<[K, string]>) {
    if (s === k || s === v || s === `${v}公开`) return k;
  }
  return null;
}

/** Channels in checkbox order without duplicates (stored so, compared so). */
export function normalizeChannels(selected: readonly string[]): Channel[] {
  return channelKeys.filter((k) => selected.includes(k));
}
