/* kt-card-render.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One side of a card, drawn in millimetres: background, images, text set
 * with Pango and the barcode. The design editor's preview, the PDF and the
 * printer all come through here, so what the owner sees is what prints.
 */

#define G_LOG_DOMAIN "kt-card-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "core/kt-date.h"
#include "output/kt-barcode.h"
#include "output/kt-card-render.h"
#include "output/kt-render-cache.h"

#define MM_PER_POINT (25.4 / 72.0)
/* A font given without a size fills this much of its field's height. */
#define DEFAULT_FONT_FILL 0.6
/* Text is shrunk a little more than measured, so rounding never leaves
 * it a hair too wide. */
#define SHRINK_MARGIN 0.995
#define SHRINK_STEPS_MAX 12

/* What the editor draws on a card without a member. */
#define SAMPLE_NUMBER "2000000000015"
#define SAMPLE_NAME "Olena Kovalenko"

/* The design editor's hints. */
#define OUTLINE_WIDTH_MM 0.2
#define OUTLINE_DASH_MM 1.0
#define OUTLINE_GAP_MM 0.6
#define OUTLINE_LABEL_FONT "Sans Italic 6"
#define PREVIEW_EDGE_MM 0.15

/* ---- text ---------------------------------------------------------------- */

static double
mm_of_pango (int units)
{
  return (double) units / PANGO_SCALE;
}

/* Sets `text` in the field's box with its font, shrinking the font until
 * the text fits: one line, or (`wrap`) as many lines as the box holds. */
static const KtRenderText *
set_text (const KtCardField *field,
          const char        *font,
          const char        *text,
          gboolean           wrap)
{
  g_autofree char *key = NULL;
  const KtRenderText *cached;
  PangoFontDescription *description;
  PangoLayout *layout;
  PangoRectangle logical;
  double size, dx, dy;

  /* Sizes to the micrometre: integers print faster than doubles. */
  key = g_strdup_printf ("%s\037%s\037%d\037%d\037%ld\037%ld", font, text, (int) field->align,
                         wrap, lround (field->width * 1000.0), lround (field->height * 1000.0));
  cached = kt_render_cache_text_lookup (key);
  if (cached != NULL)
    return cached;

  description = pango_font_description_copy (kt_render_cache_font (font));
  size = pango_font_description_get_size (description);
  if (pango_font_description_get_size_is_absolute (description))
    {
      /* "Sans 12px": CSS pixels, three quarters of a point. */
      size *= 0.75;
      pango_font_description_set_size (description, (int) size);
    }
  if (size <= 0)
    {
      size = field->height * DEFAULT_FONT_FILL / MM_PER_POINT * PANGO_SCALE;
      pango_font_description_set_size (description, (int) size);
    }

  layout = pango_layout_new (kt_render_cache_context ());
  if (wrap)
    {
      static const PangoAlignment alignments[] = {
        PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT,
      };

      pango_layout_set_width (layout, (int) (field->width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, alignments[field->align]);
    }
  else
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);

  for (guint step = 0; step < SHRINK_STEPS_MAX; step++)
    {
      double width, height, factor;

      pango_layout_get_extents (layout, NULL, &logical);
      width = mm_of_pango (logical.width);
      height = mm_of_pango (logical.height);
      if (width <= field->width + 1e-6 && height <= field->height + 1e-6)
        break;

      /* One line shrinks in proportion; wrapped text also needs fewer
       * lines as it shrinks, so it takes smaller steps. */
      if (wrap)
        factor = sqrt (field->height / height);
      else
        factor = MIN (field->width / width, field->height / height);
      size = floor (size * MIN (factor, 1.0) * SHRINK_MARGIN);
      if (size < 1)
        break;
      pango_font_description_set_size (description, (int) size);
      pango_layout_set_font_description (layout, description);
    }
  pango_font_description_free (description);

  if (wrap)
    {
      /* Pango aligns the lines within the width; paragraphs start at the top. */
      dx = 0.0;
      dy = -mm_of_pango (logical.y);
    }
  else
    {
      double width = mm_of_pango (logical.width);

      switch (field->align)
        {
        case KT_CARD_ALIGN_CENTER:
          dx = (field->width - width) / 2.0;
          break;
        case KT_CARD_ALIGN_END:
          dx = field->width - width;
          break;
        case KT_CARD_ALIGN_START:
        default:
          dx = 0.0;
          break;
        }
      dx -= mm_of_pango (logical.x);
      dy = (field->height - mm_of_pango (logical.height)) / 2.0 - mm_of_pango (logical.y);
    }

  return kt_render_cache_text_insert (key, layout, dx, dy);
}

static void
set_source_color (cairo_t *cr,
                  guint32  color)
{
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static void
draw_text (cairo_t           *cr,
           const KtCardField *field,
           const char        *text,
           gboolean           wrap)
{
  const KtRenderText *set;

  set = set_text (field, field->font != NULL ? field->font : "Sans", text, wrap);
  cairo_save (cr);
  set_source_color (cr, field->color);
  cairo_move_to (cr, field->x + set->dx, field->y + set->dy);
  pango_cairo_show_layout (cr, set->layout);
  cairo_restore (cr);
}

/* "Member since 3 Mar 2026": the field's label, then the date. */
static char *
date_text (const KtCardField *field,
           const char        *iso_date)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *formatted = NULL;
  GDate date;

  if (iso_date == NULL || !kt_date_parse (iso_date, &date, NULL))
    return NULL;

  when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0.0);
  /* Translators: a date, see strftime(3), for example "12 Mar 2025". */
  formatted = g_date_time_format (when, C_("date", "%-d %b %Y"));
  if (formatted == NULL)
    return NULL;
  if (field->text == NULL || *field->text == '\0')
    return g_steal_pointer (&formatted);
  return g_strdup_printf ("%s %s", field->text, formatted);
}

/* ---- images ---------------------------------------------------------------- */

/* Paints `image` scaled by `scale` with its top left corner at (x, y). */
static void
paint_image (cairo_t         *cr,
             cairo_surface_t *image,
             double           x,
             double           y,
             double           scale)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0.0, 0.0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* The background fills the card and its bleed, cropped to keep its shape. */
static void
draw_background (cairo_t            *cr,
                 const KtCardDesign *design,
                 KtCardSide          side,
                 double              bleed)
{
  const KtCardImage *image = side == KT_CARD_FRONT ? &design->front_image : &design->back_image;
  double x = -bleed, y = -bleed;
  double width = KT_CARD_WIDTH_MM + 2.0 * bleed;
  double height = KT_CARD_HEIGHT_MM + 2.0 * bleed;
  cairo_surface_t *surface;
  double image_width, image_height, scale;

  set_source_color (cr, side == KT_CARD_FRONT ? design->front_color : design->back_color);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);

  surface = kt_render_cache_image (image, &image_width, &image_height);
  if (surface == NULL)
    return;

  scale = MAX (width / image_width, height / image_height);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  paint_image (cr, surface, x + (width - image_width * scale) / 2.0,
               y + (height - image_height * scale) / 2.0, scale);
  cairo_restore (cr);
}

/* The logo keeps its shape inside the field, placed by its alignment. */
static gboolean
draw_logo (cairo_t            *cr,
           const KtCardDesign *design,
           const KtCardField  *field)
{
  cairo_surface_t *surface;
  double image_width, image_height, scale, x;

  surface = kt_render_cache_image (&design->logo, &image_width, &image_height);
  if (surface == NULL)
    return FALSE;

  scale = MIN (field->width / image_width, field->height / image_height);
  switch (field->align)
    {
    case KT_CARD_ALIGN_CENTER:
      x = field->x + (field->width - image_width * scale) / 2.0;
      break;
    case KT_CARD_ALIGN_END:
      x = field->x + field->width - image_width * scale;
      break;
    case KT_CARD_ALIGN_START:
    default:
      x = field->x;
      break;
    }
  paint_image (cr, surface, x, field->y + (field->height - image_height * scale) / 2.0, scale);
  return TRUE;
}

/* ---- the editor's hints ------------------------------------------------------ */

static void
rounded_rectangle (cairo_t *cr,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2.0, 0.0);
  cairo_arc (cr, width - radius, height - radius, radius, 0.0, G_PI / 2.0);
  cairo_arc (cr, radius, height - radius, radius, G_PI / 2.0, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3.0 * G_PI / 2.0);
  cairo_close_path (cr);
}

void
kt_card_render_outline_path (cairo_t *cr)
{
  rounded_rectangle (cr, KT_CARD_WIDTH_MM, KT_CARD_HEIGHT_MM, KT_CARD_RADIUS_MM);
}

/* Light marks on dark cards, dark marks on light ones. */
static void
set_hint_color (cairo_t *cr,
                guint32  background)
{
  double luminance = (0.299 * ((background >> 16) & 0xff) + 0.587 * ((background >> 8) & 0xff)
                      + 0.114 * (background & 0xff)) / 255.0;

  if (luminance < 0.5)
    cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.75);
  else
    cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 0.6);
}

static void
draw_outline (cairo_t           *cr,
              const KtCardField *field,
              guint32            background,
              gboolean           empty)
{
  const double dashes[] = { OUTLINE_DASH_MM, OUTLINE_GAP_MM };

  cairo_save (cr);
  set_hint_color (cr, background);
  cairo_set_line_width (cr, OUTLINE_WIDTH_MM);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
  cairo_rectangle (cr, field->x, field->y, field->width, field->height);
  cairo_stroke (cr);

  if (empty)
    {
      KtCardField label = *field;
      const KtRenderText *set;

      label.align = KT_CARD_ALIGN_CENTER;
      set = set_text (&label, OUTLINE_LABEL_FONT, kt_card_field_kind_label (field->kind), FALSE);
      cairo_move_to (cr, field->x + set->dx, field->y + set->dy);
      pango_cairo_show_layout (cr, set->layout);
    }
  cairo_restore (cr);
}

/* A barcode that does not fit, in the editor: a pale red field. */
static void
draw_refused_barcode (cairo_t           *cr,
                      const KtCardField *field)
{
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.35);
  cairo_rectangle (cr, field->x, field->y, field->width, field->height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* ---- a side ------------------------------------------------------------------ */

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Draws the field; returns whether it showed anything. */
static gboolean
draw_field (cairo_t             *cr,
            const KtCardDesign  *design,
            const KtCardField   *field,
            const char          *shop_name,
            const KtCardFace    *face,
            KtCardRenderFlags    flags,
            GError             **error)
{
  g_autofree char *date = NULL;
  const char *text = NULL;

  switch (field->kind)
    {
    case KT_CARD_FIELD_SHOP_NAME:
      text = nonempty (shop_name);
      break;
    case KT_CARD_FIELD_MEMBER_NAME:
      text = nonempty (face->member_name);
      break;
    case KT_CARD_FIELD_TIER:
      text = nonempty (face->tier);
      break;
    case KT_CARD_FIELD_NUMBER:
      text = nonempty (face->number);
      break;
    case KT_CARD_FIELD_DATE:
      /* A blank card has no member yet: no "member since" date either. */
      if (face->member_name == NULL)
        return FALSE;
      date = date_text (field, face->date);
      text = nonempty (date);
      break;
    case KT_CARD_FIELD_TEXT:
      text = nonempty (field->text);
      if (text != NULL)
        draw_text (cr, field, text, TRUE);
      return text != NULL;
    case KT_CARD_FIELD_LOGO:
      return draw_logo (cr, design, field);
    case KT_CARD_FIELD_BARCODE:
      if (face->number == NULL)
        return FALSE;
      if (kt_barcode_draw (cr, design->symbology, face->number, field->x, field->y,
                           field->width, field->height, error))
        return TRUE;
      if (flags & (KT_CARD_RENDER_PREVIEW | KT_CARD_RENDER_OUTLINE))
        draw_refused_barcode (cr, field);
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (text != NULL)
    draw_text (cr, field, text, FALSE);
  return text != NULL;
}

gboolean
kt_card_render_side (cairo_t             *cr,
                     const KtCardDesign  *design,
                     KtCardSide           side,
                     const char          *shop_name,
                     const KtCardFace    *face,
                     double               bleed_mm,
                     KtCardRenderFlags    flags,
                     GError             **error)
{
  g_autoptr(GError) barcode_error = NULL;
  g_autofree char *today = NULL;
  g_autofree gboolean *shown = NULL;
  guint32 background;
  KtCardFace sample;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (design != NULL, FALSE);
  g_return_val_if_fail (side == KT_CARD_FRONT || side == KT_CARD_BACK, FALSE);

  if (face == NULL)
    {
      today = kt_date_today ();
      sample.number = (char *) SAMPLE_NUMBER;
      sample.symbology = KT_SYMBOLOGY_EAN13;
      sample.member_name = (char *) SAMPLE_NAME;
      /* TRANSLATORS: the tier shown on the sample card of the design editor */
      sample.tier = (char *) _("Gold");
      sample.date = today;
      face = &sample;
    }

  background = side == KT_CARD_FRONT ? design->front_color : design->back_color;
  cairo_save (cr);
  if (flags & KT_CARD_RENDER_PREVIEW)
    {
      kt_card_render_outline_path (cr);
      cairo_clip (cr);
      bleed_mm = 0.0;
    }

  draw_background (cr, design, side, MAX (bleed_mm, 0.0));

  shown = g_new0 (gboolean, design->fields->len);
  for (guint i = 0; i < design->fields->len; i++)
    {
      const KtCardField *field = g_ptr_array_index (design->fields, i);

      if (field->side == side)
        shown[i] = draw_field (cr, design, field, shop_name, face, flags,
                               barcode_error == NULL ? &barcode_error : NULL);
    }

  /* The editor's boxes go over everything, so none hides another. */
  for (guint i = 0; (flags & KT_CARD_RENDER_OUTLINE) && i < design->fields->len; i++)
    {
      const KtCardField *field = g_ptr_array_index (design->fields, i);

      /* A barcode sits on its own white panel. */
      if (field->side == side)
        draw_outline (cr, field, field->kind == KT_CARD_FIELD_BARCODE ? 0xffffff : background,
                      !shown[i]);
    }
  cairo_restore (cr);

  if (flags & KT_CARD_RENDER_PREVIEW)
    {
      /* The card's edge, so that a white card shows on a white page. */
      cairo_save (cr);
      kt_card_render_outline_path (cr);
      cairo_set_source_rgba (cr, 0.0, 0.0, 0.0, 0.18);
      cairo_set_line_width (cr, PREVIEW_EDGE_MM);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  if (barcode_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&barcode_error));
      return FALSE;
    }
  return TRUE;
}
