/**
 * The State Council General Office's holiday schedules (部分节假日安排的通知), 2020–2026, as
 * shipped data. Transcribed from DOMAIN.md §5 (holiday-cn data, 2025 and 2026 cross-checked
 * against the notice texts); 文号 and dates from the notices as reprinted by government sites.
 *
 * Semantics follow holiday-cn: a listed off day is a rest day named after its holiday; a
 * listed working day is a 调休上班 day (a make-up Saturday or Sunday); an unlisted day is a
 * working day from Monday to Friday and a rest day at the weekend. A schedule may list dates
 * of the previous December (the 2023 notice gives 2022-12-31 to 元旦), so a lookup must
 * consult every year's schedule, not only the one of the date's calendar year.
 *
 * Ranges are written as the notices write them ("10-01…10-08"), so each line can be checked
 * against DOMAIN.md §5 by eye; `expandSchedule` turns them into one entry per day.
 */

/** A notice a schedule rests on. */
export interface NoticeRef {
  /** Title of the notice. */
  title: string;
  /** 文号, when the notice carries one in the sources consulted. */
  docNo?: string;
  /** Date of the notice (成文日期), when known. */
  date?: string;
  /** gov.cn page of the notice (the `papers` holiday-cn records). */
  paper: string;
}

/** A year's schedule in the notice's own shape: off ranges and make-up days. */
export interface ShippedYear {
  /** The year in the notice's title (holiday-cn file year). */
  year: number;
  notices: NoticeRef[];
  /** Rest days: [first, last, holiday name]; 'MM-DD' in `year`, or a full date for another year. */
  off: Array<[from: string, to: string, name: string]>;
  /** 调休上班 days: [date, name]. */
  makeUp: Array<[date: string, name: string]>;
}

const govcn = 'https://www.gov.cn/zhengce/zhengceku/';

export const shippedYears: readonly ShippedYear[] = [
  {
    year: 2020,
    notices: [
      { title: '国务院办公厅关于2020年部分节假日安排的通知', docNo: '国办发明电〔2019〕16号', date: '2019-11-21', paper: `${govcn}2019-11/21/content_5454164.htm` },
      // The COVID-19 extension: 春节 ran to 02-02; 02-01 (Sat), a make-up day in the first
      // notice, became a rest day, and work resumed on 02-03 (Mon).
      { title: '国务院办公厅关于延长2020年春节假期的通知', docNo: '国办发明电〔2020〕1号', paper: `${govcn}2020-01/27/content_5472352.htm` },
    ],
    off: [
      ['01-01', '01-01', '元旦'],
      ['01-24', '02-02', '春节'],
      ['04-04', '04-06', '清明节'],
      ['05-01', '05-05', '劳动节'],
      ['06-25', '06-27', '端午节'],
      ['10-01', '10-08', '国庆节、中秋节'],
    ],
    makeUp: [
      ['01-19', '春节调休上班'],
      // A Monday, listed by holiday-cn because of the extension notice; a working day anyway.
      ['02-03', '春节假期延长后上班'],
      ['04-26', '劳动节调休上班'],
      ['05-09', '劳动节调休上班'],
      ['06-28', '端午节调休上班'],
      ['09-27', '国庆节、中秋节调休上班'],
      ['10-10', '国庆节、中秋节调休上班'],
    ],
  },
  {
    year: 2021,
    notices: [{ title: '国务院办公厅关于2021年部分节假日安排的通知', docNo: '国办发明电〔2020〕27号', date: '2020-11-25', paper: `${govcn}2020-11/25/content_5564127.htm` }],
    off: [
      ['01-01', '01-03', '元旦'],
      ['02-11', '02-17', '春节'],
      ['04-03', '04-05', '清明节'],
      ['05-01', '05-05', '劳动节'],
      ['06-12', '06-14', '端午节'],
      ['09-19', '09-21', '中秋节'],
      ['10-01', '10-07', '国庆节'],
    ],
    makeUp: [
      ['02-07', '春节调休上班'],
      ['02-20', '春节调休上班'],
      ['04-25', '劳动节调休上班'],
      ['05-08', '劳动节调休上班'],
      ['09-18', '中秋节调休上班'],
      ['09-26', '国庆节调休上班'],
      ['10-09', '国庆节调休上班'],
    ],
  },
  {
    year: 2022,
    notices: [{ title: '国务院办公厅关于2022年部分节假日安排的通知', docNo: '国办发明电〔2021〕11号', date: '2021-10-25', paper: `${govcn}2021-10/25/content_5644835.htm` }],
    off: [
      ['01-01', '01-03', '元旦'],
      ['01-31', '02-06', '春节'],
      ['04-03', '04-05', '清明节'],
      ['04-30', '05-04', '劳动节'],
      ['06-03', '06-05', '端午节'],
      ['09-10', '09-12', '中秋节'],
      ['10-01', '10-07', '国庆节'],
    ],
    makeUp: [
      ['01-29', '春节调休上班'],
      ['01-30', '春节调休上班'],
      ['04-02', '清明节调休上班'],
      ['04-24', '劳动节调休上班'],
      ['05-07', '劳动节调休上班'],
      ['10-08', '国庆节调休上班'],
      ['10-09', '国庆节调休上班'],
    ],
  },
  {
    year: 2023,
    notices: [{ title: '国务院办公厅关于2023年部分节假日安排的通知', docNo: '国办发明电〔2022〕16号', date: '2022-12-08', paper: `${govcn}2022-12/08/content_5730844.htm` }],
    off: [
      // 元旦 2023 starts on the last day of 2022.
      ['2022-12-31', '2022-12-31', '元旦'],
      ['01-01', '01-02', '元旦'],
      ['01-21', '01-27', '春节'],
      ['04-05', '04-05', '清明节'],
      ['04-29', '05-03', '劳动节'],
      ['06-22', '06-24', '端午节'],
      // The notice names this block 中秋节、国庆节 (中秋 fell on 09-29).
      ['09-29', '10-06', '中秋节、国庆节'],
    ],
    makeUp: [
      ['01-28', '春节调休上班'],
      ['01-29', '春节调休上班'],
      ['04-23', '劳动节调休上班'],
      ['05-06', '劳动节调休上班'],
      ['06-25', '端午节调休上班'],
      ['10-07', '中秋节、国庆节调休上班'],
      ['10-08', '中秋节、国庆节调休上班'],
    ],
  },
  {
    year: 2024,
    notices: [{ title: '国务院办公厅关于2024年部分节假日安排的通知', docNo: '国办发明电〔2023〕7号', date: '2023-10-25', paper: `${govcn}202310/content_6911528.htm` }],
    off: [
      ['01-01', '01-01', '元旦'],
      ['02-10', '02-17', '春节'],
      ['04-04', '04-06', '清明节'],
      ['05-01', '05-05', '劳动节'],
      ['06-10', '06-10', '端午节'],
      ['09-15', '09-17', '中秋节'],
      ['10-01', '10-07', '国庆节'],
    ],
    makeUp: [
      ['02-04', '春节调休上班'],
      ['02-18', '春节调休上班'],
      ['04-07', '清明节调休上班'],
      ['04-28', '劳动节调休上班'],
      ['05-11', '劳动节调休上班'],
      ['09-14', '中秋节调休上班'],
      ['09-29', '国庆节调休上班'],
      ['10-12', '国庆节调休上班'],
    ],
  },
  {
    year: 2025,
    notices: [{ title: '国务院办公厅关于2025年部分节假日安排的通知', docNo: '国办发明电〔2024〕12号', date: '2024-11-12', paper: `${govcn}202411/content_6986383.htm` }],
    off: [
      ['01-01', '01-01', '元旦'],
      ['01-28', '02-04', '春节'],
      ['04-04', '04-06', '清明节'],
      ['05-01', '05-05', '劳动节'],
      ['05-31', '06-02', '端午节'],
      ['10-01', '10-08', '国庆节、中秋节'],
    ],
    makeUp: [
      ['01-26', '春节调休上班'],
      ['02-08', '春节调休上班'],
      ['04-27', '劳动节调休上班'],
      ['09-28', '国庆节、中秋节调休上班'],
      ['10-11', '国庆节、中秋节调休上班'],
    ],
  },
  {
    year: 2026,
    notices: [{ title: '国务院办公厅关于2026年部分节假日安排的通知', date: '2025-11-04', paper: `${govcn}202511/content_7047091.htm` }],
    off: [
      ['01-01', '01-03', '元旦'],
      ['02-15', '02-23', '春节'],
      ['04-04', '04-06', '清明节'],
      ['05-01', '05-05', '劳动节'],
      ['06-19', '06-21', '端午节'],
      ['09-25', '09-27', '中秋节'],
      ['10-01', '10-07', '国庆节'],
    ],
    makeUp: [
      ['01-04', '元旦调休上班'],
      ['02-14', '春节调休上班'],
      ['02-28', '春节调休上班'],
      ['05-09', '劳动节调休上班'],
      ['09-20', '国庆节调休上班'],
      ['10-10', '国庆节调休上班'],
    ],
  },
];
