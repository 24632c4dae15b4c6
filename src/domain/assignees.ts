/**
 * The most people a job can be assigned to: the card's user picker holds no more than this (Slack
 * refuses a larger preset), and more assignees than that help nobody.
 */
export const MAX_ASSIGNEES = 60;
