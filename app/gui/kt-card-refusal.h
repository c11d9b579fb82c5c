/* kt-card-refusal.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

/* Why a scanned card is not accepted, naming the card that replaced a lost
 * or replaced one: "Card 2990000000017 is blocked — not accepted". NULL for
 * an active card. Wherever a card is scanned, the refusal reads the same. */
char *kt_card_refusal_describe (KtStore       *store,
                                const KtCard  *card);

G_END_DECLS
