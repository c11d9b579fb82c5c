/* kt-card-designer-fields.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields of the design being edited: the list of them, adding one of
 * a kind and removing one, and the selected field's side, place, size,
 * font, colour, alignment and text. A field is selected in the list or by
 * clicking it in the preview, and moved by dragging it there.
 */

#define G_LOG_DOMAIN "kt-card-designer"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-card-designer-private.h"

/* ---- helpers ------------------------------------------------------------- */

static KtCardField *
selected_field (KtCardDesigner *self)
{
  if (self->selected < 0 || (guint) self->selected >= self->design->fields->len)
    return NULL;
  return g_ptr_array_index (self->design->fields, self->selected);
}

static gboolean
is_text_kind (KtCardFieldKind kind)
{
  return kind != KT_CARD_FIELD_BARCODE && kind != KT_CARD_FIELD_LOGO;
}

static char *
field_title (const KtCardField *field)
{
  const char *label = kt_card_field_kind_label (field->kind);

  if (field->kind == KT_CARD_FIELD_TEXT && field->text != NULL && *field->text != '\0')
    {
      g_autofree char *start = g_utf8_substring (field->text, 0, 24);

      /* TRANSLATORS: a free-text field in the list of a card's fields, with
       * the start of its text */
      return g_strdup_printf (_("%s: “%s%s”"), label, start,
                              g_utf8_strlen (field->text, -1) > 24 ? "…" : "");
    }
  return g_strdup (label);
}

static char *
field_subtitle (const KtCardField *field)
{
  /* TRANSLATORS: where a field is on the card: side, position from the
   * left and the top, and size, all in millimetres */
  return g_strdup_printf (_("%s · at %.1f, %.1f mm · %.1f × %.1f mm"),
                          field->side == KT_CARD_BACK ? _("Back") : _("Front"),
                          field->x, field->y, field->width, field->height);
}

static void
update_row (KtCardDesigner *self,
            int             index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->fields_list, index);
  const KtCardField *field;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (row == NULL || index < 0 || (guint) index >= self->design->fields->len)
    return;

  field = g_ptr_array_index (self->design->fields, index);
  title = field_title (field);
  subtitle = field_subtitle (field);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/* The selected field's place and style into the editor's widgets. */
static void
fill_field_editor (KtCardDesigner *self)
{
  KtCardField *field = selected_field (self);
  GdkRGBA rgba;

  gtk_widget_set_visible (GTK_WIDGET (self->field_group), field != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "designer.remove-field", field != NULL);
  if (field == NULL)
    return;

  self->filling = TRUE;

  adw_preferences_group_set_title (self->field_group, kt_card_field_kind_label (field->kind));
  adw_combo_row_set_selected (self->side_row, field->side);
  gtk_spin_button_set_value (self->x_spin, field->x);
  gtk_spin_button_set_value (self->y_spin, field->y);
  gtk_spin_button_set_value (self->width_spin, field->width);
  gtk_spin_button_set_value (self->height_spin, field->height);

  gtk_widget_set_visible (GTK_WIDGET (self->font_row), is_text_kind (field->kind));
  gtk_widget_set_visible (GTK_WIDGET (self->color_row), is_text_kind (field->kind));
  gtk_widget_set_visible (GTK_WIDGET (self->align_row), is_text_kind (field->kind));
  gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button), field->font);
  _kt_card_designer_color_to_rgba (field->color, &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->field_color_button), &rgba);
  adw_combo_row_set_selected (self->align_row, field->align);

  gtk_widget_set_visible (GTK_WIDGET (self->text_row),
                          field->kind == KT_CARD_FIELD_TEXT || field->kind == KT_CARD_FIELD_DATE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text_row),
                                 field->kind == KT_CARD_FIELD_DATE ? _("Label Before the Date")
                                                                   : _("Text"));
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), field->text != NULL ? field->text : "");

  self->filling = FALSE;
}

/* A new field's box: where most shops would start from, in the middle of
 * the card. */
static void
default_size (KtCardDesigner  *self,
              KtCardFieldKind  kind,
              double          *width,
              double          *height)
{
  switch (kind)
    {
    case KT_CARD_FIELD_BARCODE:
      *width = self->design->symbology == KT_SYMBOLOGY_QR ? 20.0 : 40.0;
      *height = 20.0;
      break;
    case KT_CARD_FIELD_LOGO:
      *width = 20.0;
      *height = 12.0;
      break;
    case KT_CARD_FIELD_TEXT:
      *width = 60.0;
      *height = 12.0;
      break;
    default:
      *width = 40.0;
      *height = 6.0;
      break;
    }
}

/* Text that shows on the side's background: white on dark, near-black on
 * light. */
static guint32
readable_color (guint32 background)
{
  double luminance = 0.2126 * ((background >> 16) & 0xff) + 0.7152 * ((background >> 8) & 0xff)
                     + 0.0722 * (background & 0xff);

  return luminance < 128 ? 0xffffff : 0x241f31;
}

/* ---- actions ------------------------------------------------------------- */

static void
add_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (widget);
  const KtCardField *current = selected_field (self);
  KtCardSide side = current != NULL ? current->side : KT_CARD_FRONT;
  KtCardFieldKind kind;
  KtCardField *field;
  double width, height;

  if (!kt_card_field_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;

  default_size (self, kind, &width, &height);
  field = kt_card_design_add_field (self->design, kind, side,
                                    (KT_CARD_WIDTH_MM - width) / 2,
                                    (KT_CARD_HEIGHT_MM - height) / 2, width, height);
  field->color = readable_color (side == KT_CARD_BACK ? self->design->back_color
                                                       : self->design->front_color);
  if (kind == KT_CARD_FIELD_TEXT)
    field->text = g_strdup (_("Your text"));

  _kt_card_designer_fill_fields (self);
  _kt_card_designer_select_field (self, (int) self->design->fields->len - 1);
  _kt_card_designer_changed (self);
}

static void
remove_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (widget);
  int removed = self->selected;

  if (selected_field (self) == NULL)
    return;

  g_ptr_array_remove_index (self->design->fields, (guint) removed);
  self->selected = -1;
  _kt_card_designer_fill_fields (self);
  _kt_card_designer_select_field (self, MIN (removed, (int) self->design->fields->len - 1));
  _kt_card_designer_changed (self);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
field_row_selected_cb (KtCardDesigner *self,
                       GtkListBoxRow  *row)
{
  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling || row == NULL)
    return;

  _kt_card_designer_select_field (self, gtk_list_box_row_get_index (row));
}

static void
preview_select_field_cb (KtCardDesigner *self,
                         int             index)
{
  g_assert (KT_IS_CARD_DESIGNER (self));

  if (index != self->selected)
    _kt_card_designer_select_field (self, index);
}

/* A field dragged in the preview: its new place goes through the position
 * fields, as if typed. */
static void
preview_move_field_cb (KtCardDesigner *self,
                       int             index,
                       double          x,
                       double          y)
{
  g_assert (KT_IS_CARD_DESIGNER (self));

  if (index != self->selected)
    _kt_card_designer_select_field (self, index);

  gtk_spin_button_set_value (self->x_spin, x);
  gtk_spin_button_set_value (self->y_spin, y);
}

static void
side_changed_cb (KtCardDesigner *self)
{
  KtCardField *field = selected_field (self);

  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling || field == NULL)
    return;

  field->side = (KtCardSide) adw_combo_row_get_selected (self->side_row);
  /* A field put on the back needs a back to be seen and printed. */
  if (field->side == KT_CARD_BACK && !self->design->has_back)
    gtk_switch_set_active (self->back_switch, TRUE);

  update_row (self, self->selected);
  _kt_card_designer_changed (self);
}

static void
geometry_changed_cb (KtCardDesigner *self)
{
  KtCardField *field = selected_field (self);

  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling || field == NULL)
    return;

  field->x = gtk_spin_button_get_value (self->x_spin);
  field->y = gtk_spin_button_get_value (self->y_spin);
  field->width = gtk_spin_button_get_value (self->width_spin);
  field->height = gtk_spin_button_get_value (self->height_spin);

  update_row (self, self->selected);
  _kt_card_designer_changed (self);
}

static void
font_set_cb (KtCardDesigner *self)
{
  KtCardField *field = selected_field (self);
  g_autofree char *font = NULL;

  g_assert (KT_IS_CARD_DESIGNER (self));

  font = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (self->font_button));
  if (self->filling || field == NULL || font == NULL)
    return;

  g_free (field->font);
  field->font = g_steal_pointer (&font);
  _kt_card_designer_changed (self);
}

static void
field_color_set_cb (KtCardDesigner *self)
{
  KtCardField *field = selected_field (self);
  GdkRGBA rgba;

  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling || field == NULL)
    return;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->field_color_button), &rgba);
  field->color = _kt_card_designer_rgba_to_color (&rgba);
  _kt_card_designer_changed (self);
}

static void
align_changed_cb (KtCardDesigner *self)
{
  KtCardField *field = selected_field (self);

  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling || field == NULL)
    return;

  field->align = (KtCardAlign) adw_combo_row_get_selected (self->align_row);
  _kt_card_designer_changed (self);
}

static void
text_changed_cb (KtCardDesigner *self)
{
  KtCardField *field = selected_field (self);
  const char *text;

  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling || field == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->text_row));
  g_free (field->text);
  field->text = *text != '\0' ? g_strdup (text) : NULL;
  update_row (self, self->selected);
  _kt_card_designer_changed (self);
}

/* ---- private API --------------------------------------------------------- */

void
_kt_card_designer_fields_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, fields_list);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, field_group);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, side_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, x_spin);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, y_spin);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, width_spin);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, height_spin);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, font_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, font_button);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, color_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, field_color_button);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, align_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, text_row);
  gtk_widget_class_bind_template_callback (widget_class, field_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_select_field_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_move_field_cb);
  gtk_widget_class_bind_template_callback (widget_class, side_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, geometry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, font_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_color_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, align_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);

  gtk_widget_class_install_action (widget_class, "designer.add-field", "s", add_field_action);
  gtk_widget_class_install_action (widget_class, "designer.remove-field", NULL,
                                   remove_field_action);
}

void
_kt_card_designer_fields_init (KtCardDesigner *self)
{
  GtkWidget *placeholder = gtk_label_new (_("No fields: the card is printed blank"));

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->fields_list, placeholder);
}

/* The list of fields again, after one was added or removed. */
void
_kt_card_designer_fill_fields (KtCardDesigner *self)
{
  GtkListBoxRow *old;

  self->filling = TRUE;

  /* No gtk_list_box_remove_all() before GTK 4.12. */
  while ((old = gtk_list_box_get_row_at_index (self->fields_list, 0)) != NULL)
    gtk_list_box_remove (self->fields_list, GTK_WIDGET (old));

  for (guint i = 0; i < self->design->fields->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_append (self->fields_list, row);
      update_row (self, (int) i);
    }

  self->filling = FALSE;
}

void
_kt_card_designer_select_field (KtCardDesigner *self,
                                int             index)
{
  GtkListBoxRow *row;

  if (index < 0 || (guint) index >= self->design->fields->len)
    index = -1;
  self->selected = index;

  self->filling = TRUE;
  row = index >= 0 ? gtk_list_box_get_row_at_index (self->fields_list, index) : NULL;
  if (row != NULL)
    gtk_list_box_select_row (self->fields_list, row);
  else
    gtk_list_box_unselect_all (self->fields_list);
  self->filling = FALSE;

  kt_card_preview_set_selected (self->front_preview, index);
  kt_card_preview_set_selected (self->back_preview, index);
  fill_field_editor (self);
}
