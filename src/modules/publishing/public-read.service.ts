/** Read model of published items for the portal and the public API (filled in by the portal work). */
export {};
