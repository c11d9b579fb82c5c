/* kt-card-designer.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card design editor: a copy of a design with a live preview of its
 * front and back, the sides' colours and images, the logo and the barcode
 * type. The fields are edited in kt-card-designer-fields.c. Save hands the
 * copy to the register, which checks it; a refused design is explained in
 * the window and nothing is saved.
 */

#define G_LOG_DOMAIN "kt-card-designer"

#include "config.h"

#include <glib/gi18n.h>

#include "store/kt-store-print.h"
#include "kt-card-designer-private.h"
#include "kt-file-chooser.h"

G_DEFINE_FINAL_TYPE (KtCardDesigner, kt_card_designer, ADW_TYPE_WINDOW)

/* Images are kept in the register: a poster-sized photo has no place on
 * an 86 mm card. */
#define IMAGE_MAX_BYTES (8 * 1024 * 1024)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------- */

void
_kt_card_designer_color_to_rgba (guint32  color,
                                 GdkRGBA *rgba)
{
  rgba->red = ((color >> 16) & 0xff) / 255.0f;
  rgba->green = ((color >> 8) & 0xff) / 255.0f;
  rgba->blue = (color & 0xff) / 255.0f;
  rgba->alpha = 1.0f;
}

guint32
_kt_card_designer_rgba_to_color (const GdkRGBA *rgba)
{
  guint32 red = (guint32) (CLAMP (rgba->red, 0.0f, 1.0f) * 255.0f + 0.5f);
  guint32 green = (guint32) (CLAMP (rgba->green, 0.0f, 1.0f) * 255.0f + 0.5f);
  guint32 blue = (guint32) (CLAMP (rgba->blue, 0.0f, 1.0f) * 255.0f + 0.5f);

  return (red << 16) | (green << 8) | blue;
}

static void
set_button_color (GtkColorButton *button,
                  guint32         color)
{
  GdkRGBA rgba;

  _kt_card_designer_color_to_rgba (color, &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &rgba);
}

static guint32
button_color (GtkColorButton *button)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  return _kt_card_designer_rgba_to_color (&rgba);
}

static void
show_error (KtCardDesigner *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, TRUE);
}

static void
hide_error (KtCardDesigner *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
}

/* The design's image a chooser or a remove button is about: "front",
 * "back" or "logo". */
static KtCardImage *
image_named (KtCardDesigner *self,
             const char     *which)
{
  if (g_strcmp0 (which, "front") == 0)
    return &self->design->front_image;
  if (g_strcmp0 (which, "back") == 0)
    return &self->design->back_image;
  if (g_strcmp0 (which, "logo") == 0)
    return &self->design->logo;
  return NULL;
}

static void
describe_image (AdwActionRow      *row,
                GtkWidget         *remove_button,
                const KtCardImage *image)
{
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;

  if (image->bytes == NULL)
    {
      adw_action_row_set_subtitle (row, _("None"));
      gtk_widget_set_sensitive (remove_button, FALSE);
      return;
    }

  size = g_format_size (g_bytes_get_size (image->bytes));
  if (g_strcmp0 (image->mime_type, "image/svg+xml") == 0)
    /* TRANSLATORS: %s is a file size, "12.3 kB" */
    subtitle = g_strdup_printf (_("SVG image, %s"), size);
  else
    subtitle = g_strdup_printf (_("PNG image, %s"), size);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_sensitive (remove_button, TRUE);
}

static void
update_images (KtCardDesigner *self)
{
  describe_image (self->front_image_row, self->front_image_remove, &self->design->front_image);
  describe_image (self->back_image_row, self->back_image_remove, &self->design->back_image);
  describe_image (self->logo_row, self->logo_remove, &self->design->logo);
}

static void
update_title (KtCardDesigner *self)
{
  adw_window_title_set_title (self->window_title,
                              self->design->id == 0 ? _("New Card Design") : _("Edit Card Design"));
  adw_window_title_set_subtitle (self->window_title, self->design->name);
}

/* Every widget from the design, without marking anything as changed. */
static void
fill_form (KtCardDesigner *self)
{
  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->design->name);
  adw_combo_row_set_selected (self->symbology_row, self->design->symbology);
  gtk_switch_set_active (self->back_switch, self->design->has_back);
  set_button_color (self->front_color_button, self->design->front_color);
  set_button_color (self->back_color_button, self->design->back_color);
  gtk_widget_set_visible (GTK_WIDGET (self->back_group), self->design->has_back);
  gtk_widget_set_visible (self->back_box, self->design->has_back);
  update_images (self);
  update_title (self);

  self->filling = FALSE;

  _kt_card_designer_fill_fields (self);
}

/**
 * _kt_card_designer_changed:
 * @self: a #KtCardDesigner
 *
 * The design was changed through a widget: redraw it, and remember that
 * closing now would lose the change.
 */
void
_kt_card_designer_changed (KtCardDesigner *self)
{
  self->dirty = TRUE;
  kt_card_preview_changed (self->front_preview);
  kt_card_preview_changed (self->back_preview);
}

/* ---- images -------------------------------------------------------------- */

typedef struct
{
  KtCardDesigner *self;
  char           *which;
  char           *file_name;
} ImageLoad;

static void
image_load_free (ImageLoad *load)
{
  g_object_unref (load->self);
  g_free (load->which);
  g_free (load->file_name);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImageLoad, image_load_free)

/* PNG or SVG, by what the bytes are, not by the file name alone. */
static char *
image_mime_type (const char *file_name,
                 GBytes     *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  g_autofree char *content_type = g_content_type_guess (file_name, data, size, NULL);
  g_autofree char *mime_type = g_content_type_get_mime_type (content_type);

  if (g_strcmp0 (mime_type, "image/png") == 0 || g_strcmp0 (mime_type, "image/svg+xml") == 0)
    return g_steal_pointer (&mime_type);
  return NULL;
}

static void
image_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ImageLoad) load = user_data;
  KtCardDesigner *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *message = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (bytes == NULL)
    {
      message = g_strdup_printf (_("“%s” cannot be read: %s"), load->file_name, error->message);
      show_error (self, message);
      return;
    }

  if (g_bytes_get_size (bytes) > IMAGE_MAX_BYTES)
    {
      message = g_strdup_printf (_("“%s” is too large for a card: choose an image under 8 MB."),
                                 load->file_name);
      show_error (self, message);
      return;
    }

  mime_type = image_mime_type (load->file_name, bytes);
  if (mime_type == NULL)
    {
      message = g_strdup_printf (_("“%s” is not a PNG or SVG image: save the picture as PNG "
                                   "or SVG and choose it again."), load->file_name);
      show_error (self, message);
      return;
    }

  hide_error (self);
  kt_card_image_set (image_named (self, load->which), bytes, mime_type);
  update_images (self);
  _kt_card_designer_changed (self);
}

static void
image_chosen_cb (gpointer  owner,
                 GFile    *file,
                 gpointer  user_data)
{
  ImageLoad *load = g_new0 (ImageLoad, 1);

  load->self = g_object_ref (KT_CARD_DESIGNER (owner));
  load->which = g_strdup (user_data);
  load->file_name = g_file_get_basename (file);
  g_file_load_bytes_async (file, NULL, image_loaded_cb, load);
}

static void
choose_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (widget);
  const char *which = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  const char *title;

  if (image_named (self, which) == NULL)
    return;

  if (g_str_equal (which, "logo"))
    title = _("Choose the Shop’s Logo");
  else if (g_str_equal (which, "front"))
    title = _("Choose a Background Image for the Front");
  else
    title = _("Choose a Background Image for the Back");

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PNG and SVG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  kt_file_chooser_show (chooser, filter, &self->chooser, self, image_chosen_cb,
                        g_strdup (which), g_free);
}

static void
remove_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (widget);
  KtCardImage *image = image_named (self, g_variant_get_string (parameter, NULL));

  if (image == NULL || image->bytes == NULL)
    return;

  kt_card_image_set (image, NULL, NULL);
  update_images (self);
  _kt_card_designer_changed (self);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
name_changed_cb (KtCardDesigner *self)
{
  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling)
    return;

  g_free (self->design->name);
  self->design->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  adw_window_title_set_subtitle (self->window_title, self->design->name);
  self->dirty = TRUE;
}

static void
symbology_changed_cb (KtCardDesigner *self)
{
  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling)
    return;

  self->design->symbology = (KtSymbology) adw_combo_row_get_selected (self->symbology_row);
  _kt_card_designer_changed (self);
}

static void
back_switch_changed_cb (KtCardDesigner *self)
{
  g_assert (KT_IS_CARD_DESIGNER (self));

  if (self->filling)
    return;

  self->design->has_back = gtk_switch_get_active (self->back_switch);
  gtk_widget_set_visible (GTK_WIDGET (self->back_group), self->design->has_back);
  gtk_widget_set_visible (self->back_box, self->design->has_back);
  _kt_card_designer_changed (self);
}

static void
color_set_cb (KtCardDesigner *self)
{
  g_assert (KT_IS_CARD_DESIGNER (self));

  self->design->front_color = button_color (self->front_color_button);
  self->design->back_color = button_color (self->back_color_button);
  _kt_card_designer_changed (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (widget);
  g_autoptr(GError) error = NULL;

  if (!kt_store_card_design_save (self->store, self->design, &error))
    {
      show_error (self, error->message);
      return;
    }

  hide_error (self);
  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, self->design->id, self->design->name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
discard_response_cb (KtCardDesigner *self)
{
  self->dirty = FALSE;
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------- */

/* Closing with changes not saved asks first: a design may be an hour's
 * work. */
static gboolean
kt_card_designer_close_request (GtkWindow *window)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (window);
  GtkWidget *dialog;

  if (!self->dirty)
    return GTK_WINDOW_CLASS (kt_card_designer_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("The changes to this card design have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::discard", G_CALLBACK (discard_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
kt_card_designer_dispose (GObject *object)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_CARD_DESIGNER);

  G_OBJECT_CLASS (kt_card_designer_parent_class)->dispose (object);
}

static void
kt_card_designer_finalize (GObject *object)
{
  KtCardDesigner *self = KT_CARD_DESIGNER (object);

  g_clear_pointer (&self->design, kt_card_design_free);

  G_OBJECT_CLASS (kt_card_designer_parent_class)->finalize (object);
}

static void
kt_card_designer_class_init (KtCardDesignerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kt_card_designer_dispose;
  object_class->finalize = kt_card_designer_finalize;
  window_class->close_request = kt_card_designer_close_request;

  /**
   * KtCardDesigner::saved:
   * @self: the designer
   * @design_id: the design in the register
   * @name: its name
   *
   * Emitted once the design is in the register, just before the window
   * closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  g_type_ensure (KT_TYPE_CARD_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-card-designer.ui");
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, front_preview);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, back_preview);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, back_box);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, name_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, symbology_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, back_switch);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, front_color_button);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, back_color_button);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, back_group);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, front_image_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, back_image_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, logo_row);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, front_image_remove);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, back_image_remove);
  gtk_widget_class_bind_template_child (widget_class, KtCardDesigner, logo_remove);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, symbology_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_switch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, color_set_cb);

  gtk_widget_class_install_action (widget_class, "designer.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "designer.choose-image", "s",
                                   choose_image_action);
  gtk_widget_class_install_action (widget_class, "designer.remove-image", "s",
                                   remove_image_action);

  _kt_card_designer_fields_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "designer.save", NULL);
}

static void
kt_card_designer_init (KtCardDesigner *self)
{
  self->selected = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  kt_card_preview_set_side (self->front_preview, KT_CARD_FRONT);
  kt_card_preview_set_side (self->back_preview, KT_CARD_BACK);
  _kt_card_designer_fields_init (self);
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_card_designer_new:
 * @parent: the main window
 * @store: the register; it must outlive the designer
 * @design: the design to edit (copied), with id 0 for a new one
 *
 * Returns: (transfer floating): the designer, not yet shown
 */
KtCardDesigner *
kt_card_designer_new (GtkWindow          *parent,
                      KtStore            *store,
                      const KtCardDesign *design)
{
  KtCardDesigner *self;
  g_autofree char *shop_name = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (design != NULL, NULL);

  self = g_object_new (KT_TYPE_CARD_DESIGNER, "transient-for", parent, NULL);
  self->store = store;
  self->design = kt_card_design_copy (design);

  /* The shop's own name on the sample card, as it will be printed. */
  shop_name = kt_store_get_setting (store, KT_SETTING_SHOP_NAME);
  if (shop_name == NULL || *shop_name == '\0')
    {
      g_free (shop_name);
      shop_name = g_strdup (_("Your Shop"));
    }
  kt_card_preview_set_shop_name (self->front_preview, shop_name);
  kt_card_preview_set_shop_name (self->back_preview, shop_name);
  kt_card_preview_set_design (self->front_preview, self->design);
  kt_card_preview_set_design (self->back_preview, self->design);

  fill_form (self);
  _kt_card_designer_select_field (self, self->design->fields->len > 0 ? 0 : -1);
  self->dirty = FALSE;

  return self;
}

/**
 * kt_card_designer_get_design:
 * @self: a #KtCardDesigner
 *
 * Returns: (transfer none): the design as edited so far
 */
const KtCardDesign *
kt_card_designer_get_design (KtCardDesigner *self)
{
  g_return_val_if_fail (KT_IS_CARD_DESIGNER (self), NULL);

  return self->design;
}
