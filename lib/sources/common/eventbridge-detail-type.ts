/**
 * Returns the reason for an EventBridge event whose detail-type no reader
 * takes. Both readers give the same one, so that the reason does not depend
 * on which of them a batch's first event sent the file to.
 */
export function unreadDetailTypeReason(detailType: string): string {
  return (
    `EventBridge detail-type "${detailType}" is not read: Watchfloor reads CloudTrail events ` +
    `(detail-types ending in "via CloudTrail") and "GuardDuty Finding"`
  );
}
