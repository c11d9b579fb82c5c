/* kt-card-render.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/kt-card-design.h"
#include "store/kt-store-print.h"

G_BEGIN_DECLS

typedef enum
{
  KT_CARD_RENDER_PRINT = 0,      /* the card as printed: square edges, no hints */
  KT_CARD_RENDER_PREVIEW = 1 << 0, /* rounded corners, as the card will look */
  KT_CARD_RENDER_OUTLINE = 1 << 1, /* dashed boxes of the fields (design editor) */
} KtCardRenderFlags;

/* Draws one side of a card with its top left corner at the origin, in
 * millimetres (the caller scales and translates the context). `face` NULL
 * draws a sample card (for the editor); a NULL member name leaves the name
 * field empty (blank cards). `bleed_mm` > 0 extends the background that
 * far beyond the edges, for cutting. Text is set with Pango and shrunk to
 * fit its field. Returns FALSE with an error only when the barcode cannot
 * be drawn (the field is too small for the number). */
gboolean  kt_card_render_side (cairo_t             *cr,
                               const KtCardDesign  *design,
                               KtCardSide           side,
                               const char          *shop_name,
                               const KtCardFace    *face,
                               double               bleed_mm,
                               KtCardRenderFlags    flags,
                               GError             **error);

/* Adds the card's outline with its rounded corners to the current path,
 * in millimetres from the top left corner. */
void      kt_card_render_outline_path (cairo_t *cr);

G_END_DECLS
