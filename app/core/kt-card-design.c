/* kt-card-design.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Card designs: what goes where on a card's front and back. The model is
 * plain data, drawn by app/output/kt-card-render.c and edited by the GUI;
 * its layout is kept as GKeyFile text so that a design reads the same on
 * every locale (numbers with a dot, colours as #rrggbb).
 */

#define G_LOG_DOMAIN "kt-card-design"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-card-design.h"
#include "core/kt-error.h"

#define DESIGN_GROUP "Design"
#define FIELD_PREFIX "Field "
#define FIELDS_MAX 64

static const char *const kind_names[] = {
  "shop-name", "member-name", "tier", "number", "barcode", "date", "text", "logo",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == KT_CARD_FIELD_LAST + 1);

static const char *const align_names[] = { "start", "center", "end" };
static const char *const side_names[] = { "front", "back" };

const char *
kt_card_field_kind_to_string (KtCardFieldKind kind)
{
  g_return_val_if_fail (kind <= KT_CARD_FIELD_LAST, NULL);

  return kind_names[kind];
}

gboolean
kt_card_field_kind_from_string (const char      *text,
                                KtCardFieldKind *out_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *out_kind = (KtCardFieldKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
kt_card_field_kind_label (KtCardFieldKind kind)
{
  switch (kind)
    {
    case KT_CARD_FIELD_SHOP_NAME:
      return _("Shop name");
    case KT_CARD_FIELD_MEMBER_NAME:
      return _("Member name");
    case KT_CARD_FIELD_TIER:
      return _("Tier");
    case KT_CARD_FIELD_NUMBER:
      return _("Card number");
    case KT_CARD_FIELD_BARCODE:
      return _("Barcode");
    case KT_CARD_FIELD_DATE:
      return _("Date");
    case KT_CARD_FIELD_TEXT:
      return _("Text");
    case KT_CARD_FIELD_LOGO:
      return _("Logo");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- the model ----------------------------------------------------------- */

static void
field_free (gpointer data)
{
  KtCardField *field = data;

  g_free (field->font);
  g_free (field->text);
  g_free (field);
}

static void
image_clear (KtCardImage *image)
{
  g_clear_pointer (&image->bytes, g_bytes_unref);
  g_clear_pointer (&image->mime_type, g_free);
}

void
kt_card_image_set (KtCardImage *image,
                   GBytes      *bytes,
                   const char  *mime_type)
{
  GBytes *ref = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  char *type = bytes != NULL ? g_strdup (mime_type) : NULL;

  image_clear (image);
  image->bytes = ref;
  image->mime_type = type;
}

KtCardDesign *
kt_card_design_new (const char *name)
{
  KtCardDesign *design = g_new0 (KtCardDesign, 1);

  design->name = g_strdup (name != NULL ? name : "");
  design->front_color = 0xffffff;
  design->back_color = 0xffffff;
  design->symbology = KT_SYMBOLOGY_EAN13;
  design->fields = g_ptr_array_new_with_free_func (field_free);
  return design;
}

void
kt_card_design_free (KtCardDesign *design)
{
  if (design == NULL)
    return;

  g_free (design->name);
  image_clear (&design->front_image);
  image_clear (&design->back_image);
  image_clear (&design->logo);
  g_ptr_array_unref (design->fields);
  g_free (design);
}

KtCardField *
kt_card_design_add_field (KtCardDesign    *design,
                          KtCardFieldKind  kind,
                          KtCardSide       side,
                          double           x,
                          double           y,
                          double           width,
                          double           height)
{
  KtCardField *field = g_new0 (KtCardField, 1);

  field->kind = kind;
  field->side = side;
  field->x = x;
  field->y = y;
  field->width = width;
  field->height = height;
  field->font = g_strdup ("Sans 9");
  field->color = 0x000000;
  field->align = KT_CARD_ALIGN_START;
  g_ptr_array_add (design->fields, field);
  return field;
}

static void
set_text_style (KtCardField *field,
                const char  *font,
                guint32      color,
                KtCardAlign  align)
{
  g_free (field->font);
  field->font = g_strdup (font);
  field->color = color;
  field->align = align;
}

KtCardDesign *
kt_card_design_new_default (const char *name)
{
  KtCardDesign *design = kt_card_design_new (name);
  KtCardField *field;

  /* A deep blue front with white lettering, like a supermarket loyalty
   * card: the barcode runs across the card on its own white panel (the
   * renderer adds it with the quiet zones). */
  design->front_color = 0x1a5fb4;
  design->has_back = TRUE;

  field = kt_card_design_add_field (design, KT_CARD_FIELD_SHOP_NAME, KT_CARD_FRONT,
                                    6.0, 5.0, 52.0, 8.0);
  set_text_style (field, "Sans Bold 14", 0xffffff, KT_CARD_ALIGN_START);
  field = kt_card_design_add_field (design, KT_CARD_FIELD_TIER, KT_CARD_FRONT,
                                    58.0, 5.0, 21.6, 8.0);
  set_text_style (field, "Sans Bold 10", 0xf6d32d, KT_CARD_ALIGN_END);
  field = kt_card_design_add_field (design, KT_CARD_FIELD_MEMBER_NAME, KT_CARD_FRONT,
                                    6.0, 15.0, 73.6, 6.0);
  set_text_style (field, "Sans 11", 0xffffff, KT_CARD_ALIGN_START);
  field = kt_card_design_add_field (design, KT_CARD_FIELD_DATE, KT_CARD_FRONT,
                                    6.0, 21.0, 73.6, 4.5);
  set_text_style (field, "Sans 7", 0x99c1f1, KT_CARD_ALIGN_START);
  field->text = g_strdup (_("Member since"));
  kt_card_design_add_field (design, KT_CARD_FIELD_BARCODE, KT_CARD_FRONT,
                            6.0, 28.0, 73.6, 15.5);
  field = kt_card_design_add_field (design, KT_CARD_FIELD_NUMBER, KT_CARD_FRONT,
                                    6.0, 44.0, 73.6, 5.0);
  set_text_style (field, "Monospace 8", 0xffffff, KT_CARD_ALIGN_CENTER);

  field = kt_card_design_add_field (design, KT_CARD_FIELD_SHOP_NAME, KT_CARD_BACK,
                                    6.0, 5.0, 73.6, 7.0);
  set_text_style (field, "Sans Bold 10", 0x1a5fb4, KT_CARD_ALIGN_START);
  field = kt_card_design_add_field (design, KT_CARD_FIELD_TEXT, KT_CARD_BACK,
                                    6.0, 13.0, 73.6, 24.0);
  set_text_style (field, "Sans 7", 0x241f31, KT_CARD_ALIGN_START);
  field->text = g_strdup (_("This card is personal. Show it at the till to collect points "
                            "and get your discounts. If you lose it, tell us: we block it "
                            "and give you a new one with your balance."));
  field = kt_card_design_add_field (design, KT_CARD_FIELD_NUMBER, KT_CARD_BACK,
                                    6.0, 44.5, 73.6, 5.0);
  set_text_style (field, "Monospace 7", 0x241f31, KT_CARD_ALIGN_END);

  return design;
}

static void
image_copy (KtCardImage       *to,
            const KtCardImage *from)
{
  kt_card_image_set (to, from->bytes, from->mime_type);
}

KtCardDesign *
kt_card_design_copy (const KtCardDesign *design)
{
  KtCardDesign *copy = kt_card_design_new (design->name);

  copy->id = design->id;
  copy->has_back = design->has_back;
  copy->front_color = design->front_color;
  copy->back_color = design->back_color;
  copy->symbology = design->symbology;
  image_copy (&copy->front_image, &design->front_image);
  image_copy (&copy->back_image, &design->back_image);
  image_copy (&copy->logo, &design->logo);

  for (guint i = 0; i < design->fields->len; i++)
    {
      const KtCardField *field = g_ptr_array_index (design->fields, i);
      KtCardField *to = kt_card_design_add_field (copy, field->kind, field->side, field->x,
                                                  field->y, field->width, field->height);

      set_text_style (to, field->font, field->color, field->align);
      to->text = g_strdup (field->text);
    }

  return copy;
}

/* ---- validation ------------------------------------------------------------ */

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
image_valid (const KtCardImage *image)
{
  return image->bytes == NULL
         || g_strcmp0 (image->mime_type, "image/png") == 0
         || g_strcmp0 (image->mime_type, "image/svg+xml") == 0;
}

gboolean
kt_card_design_validate (const KtCardDesign  *design,
                         GError             **error)
{
  g_autofree char *name = g_strstrip (g_strdup (design->name != NULL ? design->name : ""));

  if (*name == '\0')
    return invalid (error, _("A card design needs a name."));
  if (design->front_color > 0xffffff || design->back_color > 0xffffff)
    return invalid (error, _("A colour of the design is not a colour."));
  if ((guint) design->symbology > KT_SYMBOLOGY_QR)
    return invalid (error, _("The barcode type of the design is unknown."));
  if (!image_valid (&design->front_image) || !image_valid (&design->back_image)
      || !image_valid (&design->logo))
    return invalid (error, _("Images on a card must be PNG or SVG files."));
  if (design->fields->len > FIELDS_MAX)
    return invalid (error, _("A card design can have at most 64 fields."));

  for (guint i = 0; i < design->fields->len; i++)
    {
      const KtCardField *field = g_ptr_array_index (design->fields, i);
      const char *label;

      if ((guint) field->kind > KT_CARD_FIELD_LAST || (guint) field->align > KT_CARD_ALIGN_END
          || (guint) field->side > KT_CARD_BACK || field->color > 0xffffff)
        return invalid (error, _("A field of the design is not one Kartoteka knows."));

      label = kt_card_field_kind_label (field->kind);
      /* A hair of tolerance: positions come from typed millimetres. */
      if (field->width <= 0.0 || field->height <= 0.0 || field->x < -0.001 || field->y < -0.001
          || field->x + field->width > KT_CARD_WIDTH_MM + 0.001
          || field->y + field->height > KT_CARD_HEIGHT_MM + 0.001)
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("The field “%s” must lie on the card (85.60 × 53.98 mm)."), label);
          return FALSE;
        }
      if (field->font == NULL || *field->font == '\0')
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("The field “%s” needs a font."), label);
          return FALSE;
        }
    }

  return TRUE;
}

/* ---- text ---------------------------------------------------------------- */

static char *
color_text (guint32 color)
{
  return g_strdup_printf ("#%06x", color & 0xffffff);
}

static gboolean
color_parse (const char *text,
             guint32    *out_color)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  value = g_ascii_strtoull (text + 1, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;
  *out_color = (guint32) value;
  return TRUE;
}

static void
set_mm (GKeyFile   *file,
        const char *group,
        const char *key,
        double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_key_file_set_string (file, group, key, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

static const char *const symbology_names[] = { "ean13", "code128", "qr" };

char *
kt_card_design_to_data (const KtCardDesign *design)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *front = color_text (design->front_color);
  g_autofree char *back = color_text (design->back_color);

  g_key_file_set_string (file, DESIGN_GROUP, "name", design->name);
  g_key_file_set_boolean (file, DESIGN_GROUP, "has-back", design->has_back);
  g_key_file_set_string (file, DESIGN_GROUP, "front-color", front);
  g_key_file_set_string (file, DESIGN_GROUP, "back-color", back);
  g_key_file_set_string (file, DESIGN_GROUP, "barcode", symbology_names[design->symbology]);

  for (guint i = 0; i < design->fields->len; i++)
    {
      const KtCardField *field = g_ptr_array_index (design->fields, i);
      g_autofree char *group = g_strdup_printf (FIELD_PREFIX "%u", i + 1);
      g_autofree char *color = color_text (field->color);

      g_key_file_set_string (file, group, "kind", kind_names[field->kind]);
      g_key_file_set_string (file, group, "side", side_names[field->side]);
      set_mm (file, group, "x", field->x);
      set_mm (file, group, "y", field->y);
      set_mm (file, group, "width", field->width);
      set_mm (file, group, "height", field->height);
      g_key_file_set_string (file, group, "font", field->font);
      g_key_file_set_string (file, group, "color", color);
      g_key_file_set_string (file, group, "align", align_names[field->align]);
      if (field->text != NULL)
        g_key_file_set_string (file, group, "text", field->text);
    }

  return g_key_file_to_data (file, NULL, NULL);
}

static gboolean
read_choice (GKeyFile           *file,
             const char         *group,
             const char         *key,
             const char *const  *names,
             guint               n_names,
             guint              *out_index)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);

  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out_index = i;
        return TRUE;
      }

  return FALSE;
}

static gboolean
read_mm (GKeyFile   *file,
         const char *group,
         const char *key,
         double     *out_value)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *out_value = g_ascii_strtod (text, &end);
  return end != NULL && end != text && *end == '\0';
}

static gboolean
read_field (GKeyFile      *file,
            const char    *group,
            KtCardDesign  *design)
{
  guint kind, side, align;
  double x, y, width, height;
  guint32 color;
  g_autofree char *color_value = g_key_file_get_string (file, group, "color", NULL);
  g_autofree char *font = g_key_file_get_string (file, group, "font", NULL);
  KtCardField *field;

  if (!read_choice (file, group, "kind", kind_names, G_N_ELEMENTS (kind_names), &kind)
      || !read_choice (file, group, "side", side_names, G_N_ELEMENTS (side_names), &side)
      || !read_choice (file, group, "align", align_names, G_N_ELEMENTS (align_names), &align)
      || !read_mm (file, group, "x", &x) || !read_mm (file, group, "y", &y)
      || !read_mm (file, group, "width", &width) || !read_mm (file, group, "height", &height)
      || !color_parse (color_value, &color) || font == NULL)
    return FALSE;

  field = kt_card_design_add_field (design, (KtCardFieldKind) kind, (KtCardSide) side,
                                    x, y, width, height);
  set_text_style (field, font, color, (KtCardAlign) align);
  field->text = g_key_file_get_string (file, group, "text", NULL);
  return TRUE;
}

KtCardDesign *
kt_card_design_from_data (const char  *data,
                          GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(KtCardDesign) design = NULL;
  g_autofree char *name = NULL;
  g_autofree char *front = NULL;
  g_autofree char *back = NULL;
  guint symbology = 0;

  if (data == NULL || !g_key_file_load_from_data (file, data, -1, G_KEY_FILE_NONE, NULL))
    {
      invalid (error, _("The card design cannot be read."));
      return NULL;
    }

  name = g_key_file_get_string (file, DESIGN_GROUP, "name", NULL);
  front = g_key_file_get_string (file, DESIGN_GROUP, "front-color", NULL);
  back = g_key_file_get_string (file, DESIGN_GROUP, "back-color", NULL);
  design = kt_card_design_new (name);
  design->has_back = g_key_file_get_boolean (file, DESIGN_GROUP, "has-back", NULL);
  if (name == NULL || !color_parse (front, &design->front_color)
      || !color_parse (back, &design->back_color)
      || !read_choice (file, DESIGN_GROUP, "barcode", symbology_names,
                       G_N_ELEMENTS (symbology_names), &symbology))
    {
      invalid (error, _("The card design cannot be read."));
      return NULL;
    }
  design->symbology = (KtSymbology) symbology;

  for (guint i = 1; i <= FIELDS_MAX + 1; i++)
    {
      g_autofree char *group = g_strdup_printf (FIELD_PREFIX "%u", i);

      if (!g_key_file_has_group (file, group))
        break;
      if (!read_field (file, group, design))
        {
          invalid (error, _("A field of the card design cannot be read."));
          return NULL;
        }
    }

  if (!kt_card_design_validate (design, error))
    return NULL;
  return g_steal_pointer (&design);
}
