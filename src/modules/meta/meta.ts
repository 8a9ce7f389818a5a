/**
 * The label tables the admin console shows, gathered from each module's own tables (imported
 * through their index.ts) into one document: the console no longer re-declares them. Pure:
 * built once at load time, with a content hash for the ETag.
 */
import { createHash } from 'node:crypto';
import { agencyRoles, globalRoles, roleNames } from '../accounts/index.ts';
import {
  actionNames,
  channelInfo,
  deliveryNames,
  eventNames,
  idTypeNames,
  orgKindNames,
  outcomeInfo,
  provisionFormNames,
  replyOutcomes,
  requestStates,
  stateNames,
} from '../requests/index.ts';
import { dutyKindNames } from '../staffing/index.ts';
import { disclosureGroundNames, disclosureNames, docTypeNames, statusNames, validityNames } from '../publishing/index.ts';
import { channelNames, entryStatusNames } from '../catalog/index.ts';

/** GET /api/meta: code → Chinese name, per vocabulary; key order is the display order. */
export function buildMeta() {
  return {
    accounts: {
      roles: roleNames,
      agencyRoles: [...agencyRoles],
      globalRoles: [...globalRoles],
    },
    publishing: {
      documentStatuses: statusNames,
      disclosures: disclosureNames,
      disclosureGrounds: disclosureGroundNames,
      docTypes: docTypeNames,
      validities: validityNames,
    },
    requests: {
      states: Object.fromEntries(requestStates.map((s) => [s, stateNames[s]])),
      actions: actionNames,
      /** Channel names and the 条例第31条 receipt rule. */
      channels: channelInfo,
      idTypes: idTypeNames,
      orgKinds: orgKindNames,
      provisionForms: provisionFormNames,
      deliveries: deliveryNames,
      /** All 21 outcomes (annual-report table 三) with the article the reply letter cites. */
      outcomes: outcomeInfo,
      /** The outcomes a reply may carry, in table order. */
      replyOutcomes: [...replyOutcomes],
      eventKinds: eventNames,
    },
    staffing: {
      dutyKinds: dutyKindNames,
    },
    catalog: {
      channels: channelNames,
      entryStatuses: entryStatusNames,
    },
  };
}

export type Meta = ReturnType<typeof buildMeta>;

/** The document and its ETag (a strong validator: the tables only change with the code). */
export function metaDocument(): { body: string; etag: string } {
  const body = JSON.stringify(buildMeta());
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}
