/**
 * Intake events on the wire (snake_case JSON), as an agency's feeder sends them: a new job, and
 * a merchant's message in its conversation (which jobdesk posts in the card's thread).
 */

/** The merchant of job `id`; its store's domain must be a hostname (no underscores). */
function merchantWire(id: string) {
  const host = id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return { id: `m_${id}`, name: `Merchant ${id}`, store: { domain: `${host}.myshopify.com` } };
}

export function jobCreatedWire(id: string, title: string) {
  const now = new Date().toISOString();
  return {
    id: `evt_job_${id}`,
    type: 'job.created',
    occurred_at: now,
    data: {
      job: { id: `job_${id}`, title, service: 'SEO', created_at: now },
      merchant: merchantWire(id),
      conversation: { id: `conv_${id}` },
    },
  };
}

export function messageReceivedWire(id: string, body: string) {
  const now = new Date().toISOString();
  return {
    id: `evt_msg_${id}`,
    type: 'message.received',
    occurred_at: now,
    data: {
      conversation: { id: `conv_${id}` },
      job: { id: `job_${id}` },
      merchant: merchantWire(id),
      message: { id: `msg_${id}`, body, sent_at: now },
    },
  };
}
