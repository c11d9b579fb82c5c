/* kt-barcode.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Barcodes from libzint's vector output, drawn with cairo: the same
 * rectangles on screen, in a PDF and on a printer. libzint only encodes;
 * sizing, quiet zones and the white panel are decided here.
 */

#define G_LOG_DOMAIN "kt-barcode"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <zint.h>

#include "core/kt-error.h"
#include "output/kt-barcode.h"

#define EAN13_LENGTH 13
/* GS1: EAN-13's nominal module is 0.33 mm, allowed from 80 % to 200 %. */
#define EAN13_MAX_MODULE_MM 0.66
/* Module widths are rounded down to whole dots of a 300 dpi printer
 * (also whole dots at 600 dpi) when that keeps them above the minimum:
 * then every bar edge falls at the same fraction of a dot, and bars of
 * one width print at one width instead of alternating a dot wider and
 * narrower. */
#define DOT_MM (25.4 / 300.0)
/* QR error correction level Q (25 % of the symbol can be lost): a card
 * gets scuffed, and a 13-digit number still fits the smallest symbol. */
#define QR_ECC_LEVEL_Q 3
#define PANEL_RADIUS_MM 1.0

typedef struct
{
  int          zint_symbology;
  const char  *name;
  gboolean     matrix;          /* QR: square modules, quiet zone all round */
  double       quiet_left;      /* quiet zones, in modules */
  double       quiet_right;
  double       quiet_vertical;
  double       min_module_mm;
  double       max_module_mm;   /* 0: as large as the box allows */
} SymbologyInfo;

static const SymbologyInfo symbologies[] = {
  [KT_SYMBOLOGY_EAN13] = { BARCODE_EANX, "EAN-13", FALSE, 11, 7, 0,
                           KT_BARCODE_MIN_EAN13_MODULE_MM, EAN13_MAX_MODULE_MM },
  [KT_SYMBOLOGY_CODE128] = { BARCODE_CODE128, "Code 128", FALSE, 10, 10, 0,
                             KT_BARCODE_MIN_MODULE_MM, 0 },
  [KT_SYMBOLOGY_QR] = { BARCODE_QRCODE, "QR", TRUE, 4, 4, 4,
                        KT_BARCODE_MIN_MODULE_MM, 0 },
};

static gboolean
is_ean13 (const char *number)
{
  if (strlen (number) != EAN13_LENGTH)
    return FALSE;
  for (guint i = 0; i < EAN13_LENGTH; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;
  return kt_ean13_check_digit (number) == number[EAN13_LENGTH - 1] - '0';
}

static struct zint_symbol *
encode (const SymbologyInfo  *info,
        const char           *number,
        GError              **error)
{
  struct zint_symbol *symbol = ZBarcode_Create ();
  int result;

  if (symbol == NULL)
    g_error ("libzint could not allocate a symbol");

  symbol->symbology = info->zint_symbology;
  symbol->input_mode = DATA_MODE;
  symbol->show_hrt = 0;
  /* Quiet zones are added here, as white panel around the symbol. */
  symbol->output_options = BARCODE_NO_QUIET_ZONES;
  /* Without digits under them, EAN guard bars need not reach lower. */
  symbol->guard_descent = 0;
  if (info->matrix)
    symbol->option_1 = QR_ECC_LEVEL_Q;

  result = ZBarcode_Encode_and_Buffer_Vector (symbol, (const unsigned char *) number,
                                              (int) strlen (number), 0);
  if (result >= ZINT_ERROR || symbol->vector == NULL || symbol->width <= 0
      || symbol->vector->width <= 0.0f || symbol->vector->height <= 0.0f)
    {
      /* TRANSLATORS: "The card number ABC cannot be drawn as Code 128: (libzint's reason)" */
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The card number %s cannot be drawn as %s: %s"),
                   number, info->name, symbol->errtxt);
      ZBarcode_Delete (symbol);
      return NULL;
    }

  return symbol;
}

/* The white above and below linear bars: not required by the
 * symbologies, but bars flush with the panel's edge look cut off. */
static double
linear_padding (double module,
                double height)
{
  return MIN (2.0 * module, 0.1 * height);
}

/* The white panel's corners are rounded only within the quiet zones,
 * never where a bar is. */
static void
white_panel (cairo_t *cr,
             double   x,
             double   y,
             double   width,
             double   height,
             double   radius)
{
  if (radius <= 0.0)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2.0, 0.0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0.0, G_PI / 2.0);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2.0, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3.0 * G_PI / 2.0);
  cairo_close_path (cr);
}

static double
round_up_tenth (double mm)
{
  return ceil (mm * 10.0 - 1e-9) / 10.0;
}

gboolean
kt_barcode_draw (cairo_t      *cr,
                 KtSymbology   symbology,
                 const char   *number,
                 double        x,
                 double        y,
                 double        width,
                 double        height,
                 GError      **error)
{
  const SymbologyInfo *info;
  struct zint_symbol *symbol;
  struct zint_vector *vector;
  double columns, rows, module, unit, x0, y0, y_scale;
  double bar_height = 0.0;
  gboolean fits;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail ((guint) symbology < G_N_ELEMENTS (symbologies), FALSE);

  if (*number == '\0')
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("A card without a number has no barcode."));
      return FALSE;
    }

  if (symbology == KT_SYMBOLOGY_EAN13 && !is_ean13 (number))
    symbology = KT_SYMBOLOGY_CODE128;
  info = &symbologies[symbology];

  symbol = encode (info, number, error);
  if (symbol == NULL)
    return FALSE;
  vector = symbol->vector;

  /* The size of the symbol with its quiet zones, in modules, and the
   * largest module that fits the box. */
  columns = symbol->width + info->quiet_left + info->quiet_right;
  rows = symbol->rows + 2.0 * info->quiet_vertical;
  module = width / columns;
  if (info->matrix)
    module = MIN (module, height / rows);
  if (info->max_module_mm > 0.0)
    module = MIN (module, info->max_module_mm);

  fits = module >= info->min_module_mm - 1e-9;
  if (fits && !info->matrix)
    {
      bar_height = height - 2.0 * linear_padding (module, height);
      fits = bar_height >= KT_BARCODE_MIN_HEIGHT_MM - 1e-9;
    }
  if (!fits)
    {
      double min_height = info->matrix
                          ? rows * info->min_module_mm
                          : KT_BARCODE_MIN_HEIGHT_MM + 4.0 * info->min_module_mm;

      /* TRANSLATORS: "The barcode field is too small: 2000000000015 as
       * EAN-13 needs at least 29.9 × 6.1 mm." */
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The barcode field is too small: %s as %s needs at least %.1f × %.1f mm."),
                   number, info->name, round_up_tenth (columns * info->min_module_mm),
                   round_up_tenth (min_height));
      ZBarcode_Delete (symbol);
      return FALSE;
    }

  if (floor (module / DOT_MM + 1e-6) * DOT_MM >= info->min_module_mm)
    {
      module = floor (module / DOT_MM + 1e-6) * DOT_MM;
      if (!info->matrix)
        bar_height = height - 2.0 * linear_padding (module, height);
    }

  /* libzint's units per module (2 in 2.11 at scale 1; asked, not assumed). */
  unit = vector->width / symbol->width;
  x0 = x + (width - columns * module) / 2.0 + info->quiet_left * module;
  if (info->matrix)
    {
      y0 = y + (height - rows * module) / 2.0 + info->quiet_vertical * module;
      y_scale = module / unit;
    }
  else
    {
      y0 = y + (height - bar_height) / 2.0;
      y_scale = bar_height / vector->height;
    }

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  white_panel (cr, x, y, width, height,
               MIN (PANEL_RADIUS_MM, MIN (MIN (x0 - x, y0 - y),
                                          x + width - (x0 + symbol->width * module))));
  cairo_fill (cr);

  /* EAN-13, Code 128 and QR come as rectangles only (hexagons and
   * circles are MaxiCode's and dotted symbols'). One path, one fill:
   * touching QR modules show no seams when rasterised. */
  for (struct zint_vector_rect *rect = vector->rectangles; rect != NULL; rect = rect->next)
    cairo_rectangle (cr, x0 + rect->x / unit * module, y0 + rect->y * y_scale,
                     rect->width / unit * module, rect->height * y_scale);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
  cairo_fill (cr);
  cairo_restore (cr);

  ZBarcode_Delete (symbol);
  return TRUE;
}
