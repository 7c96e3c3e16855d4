package dev.tranche.api.webhook;

/** What a signed webhook is answered: its event id and what became of it (accepted, matched, duplicate, ...). */
public record WebhookReceipt(String eventId, String status) {
}
