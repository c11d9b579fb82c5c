/* kt-card-refusal.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card that is blocked, lost, replaced or still blank is refused with its
 * state shown, never silently accepted: the search field and the checkout
 * say it in the same words.
 */

#define G_LOG_DOMAIN "kt-card-refusal"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-card-refusal.h"

/* The number of the card that took over from a lost or replaced one. */
static char *
replacement_number (KtStore      *store,
                    const KtCard *card)
{
  g_autoptr(GPtrArray) cards = NULL;

  if (card->replaced_by == 0 || card->member_id == 0)
    return NULL;

  cards = kt_store_member_cards (store, card->member_id, NULL);
  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      const KtCard *other = g_ptr_array_index (cards, i);

      if (other->id == card->replaced_by)
        return g_strdup (other->number);
    }
  return NULL;
}

/**
 * kt_card_refusal_describe:
 * @store: the register
 * @card: a scanned card
 *
 * Returns: (transfer full) (nullable): why @card is refused, or %NULL when
 *   it is active
 */
char *
kt_card_refusal_describe (KtStore      *store,
                          const KtCard *card)
{
  g_autofree char *replacement = NULL;

  g_return_val_if_fail (store != NULL && card != NULL, NULL);

  if (card->state == KT_CARD_ACTIVE)
    return NULL;

  replacement = replacement_number (store, card);
  switch (card->state)
    {
    case KT_CARD_BLOCKED:
      return g_strdup_printf (_("Card %s is blocked — not accepted"), card->number);

    case KT_CARD_LOST:
      if (replacement != NULL)
        return g_strdup_printf (_("Card %s is lost (replaced by %s) — not accepted"),
                                card->number, replacement);
      return g_strdup_printf (_("Card %s is lost — not accepted"), card->number);

    case KT_CARD_REPLACED:
      if (replacement != NULL)
        return g_strdup_printf (_("Card %s was replaced by %s — not accepted"),
                                card->number, replacement);
      return g_strdup_printf (_("Card %s was replaced — not accepted"), card->number);

    case KT_CARD_BLANK:
      return g_strdup_printf (_("Card %s is a blank card that was never handed out — not accepted"),
                              card->number);

    case KT_CARD_ACTIVE:
    default:
      g_return_val_if_reached (NULL);
    }
}
