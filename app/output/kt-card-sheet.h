/* kt-card-sheet.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "core/kt-card-design.h"
#include "store/kt-store-print.h"

G_BEGIN_DECLS

/* How cards are put on pages. */
typedef enum
{
  KT_SHEET_CR80 = 0,        /* one card per page at card size (card printers) */
  KT_SHEET_A4_10,           /* 2 × 5 cards on A4, with crop marks */
  KT_SHEET_LETTER_10,       /* 2 × 5 cards on US Letter, with crop marks */
} KtSheetLayout;

#define KT_SHEET_LAYOUT_LAST KT_SHEET_LETTER_10

typedef struct
{
  KtSheetLayout  layout;
  gboolean       duplex;    /* each page of fronts is followed by its backs,
                               mirrored left to right so that every back
                               falls behind its front */
  double         bleed_mm;  /* background beyond the cut, 0: none */
  /* Printer calibration: sheet printers feed off-centre. Applied to the
   * whole page: moved by the offsets, then scaled about the page centre. */
  double         offset_x_mm;
  double         offset_y_mm;
  double         scale;     /* 1.0: none */
} KtSheetOptions;

/* The bleed and calibration a sheet accepts. */
#define KT_SHEET_BLEED_MAX_MM   5.0
#define KT_SHEET_OFFSET_MAX_MM 20.0
#define KT_SHEET_SCALE_MIN      0.5
#define KT_SHEET_SCALE_MAX      1.5

void          kt_sheet_options_init     (KtSheetOptions  *options,
                                         KtSheetLayout    layout);
const char   *kt_sheet_layout_to_string (KtSheetLayout    layout);   /* "cr80", "a4-10", "letter-10" */
gboolean      kt_sheet_layout_from_string (const char    *text,
                                         KtSheetLayout   *out_layout);
const char   *kt_sheet_layout_label     (KtSheetLayout    layout);   /* user-visible */
guint         kt_sheet_cards_per_page   (KtSheetLayout    layout);
/* Page size in points (1/72 in): CR80 242.6 × 153.0, A4 595.3 × 841.9,
 * Letter 612 × 792. */
void          kt_sheet_page_size        (KtSheetLayout    layout,
                                         double          *out_width_pt,
                                         double          *out_height_pt);
/* Pages needed for `n_cards` (twice as many in duplex when the design
 * has a back). */
guint         kt_sheet_n_pages          (const KtSheetOptions *options,
                                         const KtCardDesign   *design,
                                         guint                 n_cards);
/* Draws page `page` (0-based) onto a context whose user space is the
 * page in points, origin at the top left: the same routine serves PDF,
 * PNG, the print preview and the printer. */
gboolean      kt_sheet_draw_page        (cairo_t              *cr,
                                         const KtSheetOptions *options,
                                         const KtCardDesign   *design,
                                         const char           *shop_name,
                                         KtCardFace *const    *faces,
                                         guint                 n_faces,
                                         guint                 page,
                                         GError              **error);

/* Called after each page; to stop, cancel the job's GCancellable (checked
 * right after each call). */
typedef void (*KtSheetProgress) (guint done_pages, guint total_pages, gpointer user_data);

/* Writes every page to a PDF at `path`: to a temporary file beside it,
 * renamed over `path` only when complete, so a cancelled or failed job
 * leaves no half-written file. Cancelled: G_IO_ERROR_CANCELLED. */
gboolean      kt_sheet_write_pdf        (const char           *path,
                                         const KtSheetOptions *options,
                                         const KtCardDesign   *design,
                                         const char           *shop_name,
                                         KtCardFace *const    *faces,
                                         guint                 n_faces,
                                         KtSheetProgress       progress,
                                         gpointer              user_data,
                                         GCancellable         *cancellable,
                                         GError              **error);

G_END_DECLS
