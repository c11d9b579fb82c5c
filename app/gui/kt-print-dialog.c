/* kt-print-dialog.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing cards: what (a batch of blank cards, the cards of the members a
 * search finds, or one card), with which design, on which sheet layout,
 * both sides or not, with bleed and the printer's calibration, and a
 * preview of each page drawn by the same code as the PDF and the printer.
 * The PDF and the printer are in kt-print-dialog-output.c.
 */

#define G_LOG_DOMAIN "kt-print-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "store/kt-store-print.h"
#include "kt-cards-view.h"
#include "kt-format.h"
#include "kt-print-dialog-private.h"

G_DEFINE_FINAL_TYPE (KtPrintDialog, kt_print_dialog, ADW_TYPE_WINDOW)

/* A search that finds more members than this prints only the first ones:
 * a print job of a whole register is a mistake, not a plan. */
#define MEMBER_CARDS_MAX 10000

/* Room around the page in the preview, in pixels. */
#define PAGE_MARGIN 24.0

/* ---- helpers ------------------------------------------------------------- */

static KtPrintWhat
current_what (KtPrintDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->what_row);

  if (selected >= self->n_offered)
    return self->n_offered > 0 ? self->offered[0] : KT_PRINT_MEMBERS;
  return self->offered[selected];
}

static const KtCardBatch *
current_batch (KtPrintDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->batch_row);

  if (current_what (self) != KT_PRINT_BATCH || selected >= self->batches->len)
    return NULL;
  return g_ptr_array_index (self->batches, selected);
}

static const KtCardDesign *
current_design (KtPrintDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->design_row);

  if (selected >= self->designs->len)
    return NULL;
  return g_ptr_array_index (self->designs, selected);
}

static void
read_options (KtPrintDialog  *self,
              KtSheetOptions *options)
{
  guint layout = adw_combo_row_get_selected (self->layout_row);

  kt_sheet_options_init (options, layout <= KT_SHEET_LAYOUT_LAST ? (KtSheetLayout) layout
                                                                  : KT_SHEET_A4_10);
  options->duplex = gtk_switch_get_active (self->duplex_switch);
  options->bleed_mm = gtk_spin_button_get_value (self->bleed_spin);
  options->offset_x_mm = gtk_spin_button_get_value (self->offset_x_spin);
  options->offset_y_mm = gtk_spin_button_get_value (self->offset_y_spin);
  options->scale = gtk_spin_button_get_value (self->scale_spin) / 100.0;
}

void
_kt_print_dialog_show_error (KtPrintDialog *self,
                             const char    *message)
{
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
hide_error (KtPrintDialog *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
}

static GtkStringList *
string_list_new (void)
{
  return gtk_string_list_new (NULL);
}

/* ---- pages --------------------------------------------------------------- */

static guint
n_pages (KtPrintDialog *self)
{
  const KtCardDesign *design = current_design (self);
  KtSheetOptions options;

  if (design == NULL || self->faces->len == 0)
    return 0;

  read_options (self, &options);
  return kt_sheet_n_pages (&options, design, self->faces->len);
}

static void
update_actions (KtPrintDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint pages = n_pages (self);
  gboolean idle = self->job == NULL;

  gtk_widget_action_set_enabled (widget, "print.print", idle && pages > 0);
  gtk_widget_action_set_enabled (widget, "print.save-pdf", idle && pages > 0);
  gtk_widget_action_set_enabled (widget, "print.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (widget, "print.next-page", self->page + 1 < pages);
  gtk_widget_action_set_enabled (widget, "print.stop", !idle);
}

/* The page count, the page on show and what the job amounts to. */
static void
update_pages (KtPrintDialog *self)
{
  guint pages = n_pages (self);
  guint n_cards = self->faces->len;
  g_autofree char *cards = kt_format_count (n_cards);
  g_autofree char *summary = NULL;
  g_autofree char *page = NULL;

  if (self->page >= pages)
    self->page = pages > 0 ? pages - 1 : 0;

  if (n_cards == 0)
    summary = g_strdup (current_what (self) == KT_PRINT_MEMBERS
                        ? _("Nothing to print: none of these members has an active card.")
                        : _("Nothing to print."));
  else
    {
      g_autofree char *count = NULL;
      g_autofree char *card_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%s card", "%s cards", n_cards),
                                                    cards);
      g_autofree char *page_count = kt_format_count (pages);
      g_autofree char *page_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%s page", "%s pages", pages),
                                                    page_count);

      /* TRANSLATORS: "120 cards on 12 pages" */
      count = g_strdup_printf (_("%s on %s"), card_part, page_part);
      if (self->truncated)
        summary = g_strdup_printf (_("%s. Only the first %s members’ cards are printed: narrow "
                                     "the search to print the others."),
                                   count, cards);
      else
        summary = g_steal_pointer (&count);
    }
  gtk_label_set_text (self->summary_label, summary);

  if (pages > 0)
    {
      g_autofree char *number = kt_format_count (self->page + 1);
      g_autofree char *count = kt_format_count (pages);

      page = g_strdup_printf (_("Page %s of %s"), number, count);
    }
  gtk_label_set_text (self->page_label, page != NULL ? page : "");

  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));
}

static void
draw_page_problem (KtPrintDialog *self,
                   cairo_t       *cr,
                   double         x,
                   double         y,
                   double         width,
                   const char    *message)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->page_area), message);

  pango_layout_set_width (layout, (int) ((width - 24) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, x + 12, y + 12);
  cairo_set_source_rgb (cr, 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* The page on show, as it will come out of the printer: white paper with
 * a shadow, scaled to fit. */
static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (user_data);
  const KtCardDesign *design = current_design (self);
  g_autoptr(GError) error = NULL;
  KtSheetOptions options;
  double page_width, page_height, scale, x, y;
  gboolean drawn;

  if (design == NULL || self->faces->len == 0)
    return;

  read_options (self, &options);
  kt_sheet_page_size (options.layout, &page_width, &page_height);
  scale = MIN ((width - 2 * PAGE_MARGIN) / page_width, (height - 2 * PAGE_MARGIN) / page_height);
  if (scale <= 0)
    return;
  x = floor ((width - page_width * scale) / 2);
  y = floor ((height - page_height * scale) / 2);

  for (int i = 3; i >= 1; i--)
    {
      cairo_rectangle (cr, x - i + 1, y - i + 2, page_width * scale + 2 * i - 2,
                       page_height * scale + 2 * i - 2);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.06);
      cairo_fill (cr);
    }
  cairo_rectangle (cr, x, y, page_width * scale, page_height * scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, page_width * scale, page_height * scale);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  drawn = kt_sheet_draw_page (cr, &options, design, self->shop_name,
                              (KtCardFace *const *) self->faces->pdata, self->faces->len,
                              self->page, &error);
  cairo_restore (cr);

  if (!drawn)
    draw_page_problem (self, cr, x, y, page_width * scale, error->message);
}

/* ---- what is printed ------------------------------------------------------ */

static GPtrArray *
empty_faces (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_face_free);
}

static GPtrArray *
read_faces (KtPrintDialog  *self,
            GError        **error)
{
  const KtCardBatch *batch;
  KtMemberQuery query = { self->search, KT_MEMBER_SORT_NAME, FALSE };
  GPtrArray *faces;
  KtCardFace *face;

  self->truncated = FALSE;

  switch (current_what (self))
    {
    case KT_PRINT_BATCH:
      batch = current_batch (self);
      return batch != NULL ? kt_store_card_faces_of_batch (self->store, batch->id, error)
                           : empty_faces ();

    case KT_PRINT_CARD:
      face = kt_store_card_face (self->store, self->card_number, error);
      if (face == NULL)
        return NULL;
      faces = empty_faces ();
      g_ptr_array_add (faces, face);
      return faces;

    case KT_PRINT_MEMBERS:
    default:
      faces = kt_store_card_faces_of_members (self->store, &query, MEMBER_CARDS_MAX, error);
      if (faces != NULL)
        self->truncated = faces->len >= MEMBER_CARDS_MAX;
      return faces;
    }
}

static void
select_design_named (KtPrintDialog *self,
                     const char    *name)
{
  for (guint i = 0; name != NULL && i < self->designs->len; i++)
    {
      const KtCardDesign *design = g_ptr_array_index (self->designs, i);

      if (g_strcmp0 (design->name, name) == 0)
        {
          adw_combo_row_set_selected (self->design_row, i);
          return;
        }
    }
}

static void
load_faces (KtPrintDialog *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *faces = read_faces (self, &error);
  const KtCardBatch *batch = current_batch (self);

  g_clear_pointer (&self->faces, g_ptr_array_unref);
  self->faces = faces != NULL ? faces : empty_faces ();
  self->page = 0;

  if (faces == NULL)
    _kt_print_dialog_show_error (self, error->message);
  else
    hide_error (self);

  gtk_widget_set_visible (GTK_WIDGET (self->batch_row), current_what (self) == KT_PRINT_BATCH);

  /* A re-print looks like the first print. */
  if (batch != NULL && batch->design_name != NULL)
    {
      self->filling = TRUE;
      select_design_named (self, batch->design_name);
      self->filling = FALSE;
    }

  update_pages (self);
}

static void
fill_batches (KtPrintDialog *self,
              gint64         batch_id)
{
  g_autoptr(GtkStringList) labels = string_list_new ();
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  g_clear_pointer (&self->batches, g_ptr_array_unref);
  self->batches = kt_store_card_batches (self->store, &error);
  if (self->batches == NULL)
    {
      _kt_print_dialog_show_error (self, error->message);
      self->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_batch_free);
    }

  for (guint i = 0; i < self->batches->len; i++)
    {
      const KtCardBatch *batch = g_ptr_array_index (self->batches, i);
      g_autofree char *label = kt_card_batch_title (batch);

      gtk_string_list_append (labels, label);
      if (batch->id == batch_id)
        selected = i;
    }

  adw_combo_row_set_model (self->batch_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->batch_row, selected);
}

static void
fill_designs (KtPrintDialog *self)
{
  g_autoptr(GtkStringList) names = string_list_new ();
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->designs, g_ptr_array_unref);
  self->designs = kt_store_card_designs (self->store, &error);
  if (self->designs == NULL)
    {
      _kt_print_dialog_show_error (self, error->message);
      self->designs = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_design_free);
    }

  for (guint i = 0; i < self->designs->len; i++)
    {
      const KtCardDesign *design = g_ptr_array_index (self->designs, i);

      gtk_string_list_append (names, design->name);
    }
  adw_combo_row_set_model (self->design_row, G_LIST_MODEL (names));
}

static void
offer (KtPrintDialog *self,
       GtkStringList *labels,
       KtPrintWhat    what,
       const char    *label)
{
  self->offered[self->n_offered++] = what;
  gtk_string_list_append (labels, label);
}

/* What can be printed from here: a batch when there is one, the members
 * the search finds, and the card the dialog was opened for. */
static void
fill_what (KtPrintDialog *self,
           KtPrintWhat    initial)
{
  g_autoptr(GtkStringList) labels = string_list_new ();
  g_autofree char *members = NULL;
  g_autofree char *card = NULL;

  self->n_offered = 0;

  if (self->batches->len > 0)
    offer (self, labels, KT_PRINT_BATCH, _("Blank Cards of a Batch"));

  if (self->search == NULL || *self->search == '\0')
    members = g_strdup (_("Cards of All Members"));
  else
    members = g_strdup_printf (_("Cards of the Members Matching “%s”"), self->search);
  offer (self, labels, KT_PRINT_MEMBERS, members);

  if (self->card_number != NULL)
    {
      g_autoptr(KtCardFace) face = kt_store_card_face (self->store, self->card_number, NULL);

      if (face != NULL && face->member_name != NULL && *face->member_name != '\0')
        /* TRANSLATORS: a member's card: the member's name and the number */
        card = g_strdup_printf (_("Card of %s (%s)"), face->member_name, self->card_number);
      else
        card = g_strdup_printf (_("Card %s"), self->card_number);
      offer (self, labels, KT_PRINT_CARD, card);
    }

  adw_combo_row_set_model (self->what_row, G_LIST_MODEL (labels));
  for (guint i = 0; i < self->n_offered; i++)
    if (self->offered[i] == initial)
      adw_combo_row_set_selected (self->what_row, i);
}

static void
fill_layouts (KtPrintDialog *self)
{
  g_autoptr(GtkStringList) labels = string_list_new ();
  g_autofree char *saved = g_settings_get_string (self->settings, "print-layout");
  KtSheetLayout layout = KT_SHEET_A4_10;

  for (guint i = 0; i <= KT_SHEET_LAYOUT_LAST; i++)
    gtk_string_list_append (labels, kt_sheet_layout_label ((KtSheetLayout) i));
  adw_combo_row_set_model (self->layout_row, G_LIST_MODEL (labels));

  if (!kt_sheet_layout_from_string (saved, &layout))
    layout = KT_SHEET_A4_10;
  adw_combo_row_set_selected (self->layout_row, layout);
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
what_changed_cb (KtPrintDialog *self)
{
  g_assert (KT_IS_PRINT_DIALOG (self));

  if (!self->filling)
    load_faces (self);
}

static void
design_changed_cb (KtPrintDialog *self)
{
  g_assert (KT_IS_PRINT_DIALOG (self));

  if (!self->filling)
    update_pages (self);
}

static void
layout_changed_cb (KtPrintDialog *self)
{
  KtSheetOptions options;

  g_assert (KT_IS_PRINT_DIALOG (self));

  if (self->filling)
    return;

  read_options (self, &options);
  g_settings_set_string (self->settings, "print-layout",
                         kt_sheet_layout_to_string (options.layout));
  update_pages (self);
}

static void
options_changed_cb (KtPrintDialog *self)
{
  g_assert (KT_IS_PRINT_DIALOG (self));

  if (!self->filling)
    update_pages (self);
}

/* ---- actions ------------------------------------------------------------- */

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (widget);

  if (self->page > 0)
    self->page--;
  update_pages (self);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (widget);

  if (self->page + 1 < n_pages (self))
    self->page++;
  update_pages (self);
}

static void
reset_calibration_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (widget);

  gtk_spin_button_set_value (self->offset_x_spin, 0.0);
  gtk_spin_button_set_value (self->offset_y_spin, 0.0);
  gtk_spin_button_set_value (self->scale_spin, 100.0);
}

/* ---- private API --------------------------------------------------------- */

/* Everything the printer or the PDF needs, as the dialog shows it now. */
KtPrintJob *
_kt_print_dialog_job_new (KtPrintDialog *self)
{
  const KtCardBatch *batch = current_batch (self);
  KtPrintJob *job = g_new0 (KtPrintJob, 1);

  read_options (self, &job->options);
  job->design = kt_card_design_copy (current_design (self));
  job->shop_name = g_strdup (self->shop_name);
  job->faces = g_ptr_array_ref (self->faces);
  job->batch_id = batch != NULL ? batch->id : 0;
  job->total_pages = kt_sheet_n_pages (&job->options, job->design, job->faces->len);
  return job;
}

/* While a PDF is written nothing can be changed; the progress bar and its
 * Cancel button show instead. */
void
_kt_print_dialog_set_busy (KtPrintDialog *self,
                           gboolean       busy)
{
  gtk_widget_set_sensitive (self->settings_page, !busy);
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  if (busy)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_label_set_text (self->progress_label, _("Preparing the pages…"));
    }
  update_actions (self);
}

/* ---- GObject ------------------------------------------------------------- */

static gboolean
kt_print_dialog_close_request (GtkWindow *window)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (window);

  /* A PDF being written is stopped first; the half-written file goes. */
  if (self->job != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (kt_print_dialog_parent_class)->close_request (window);
}

static void
kt_print_dialog_dispose (GObject *object)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_PRINT_DIALOG);

  G_OBJECT_CLASS (kt_print_dialog_parent_class)->dispose (object);
}

static void
kt_print_dialog_finalize (GObject *object)
{
  KtPrintDialog *self = KT_PRINT_DIALOG (object);

  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_pointer (&self->designs, g_ptr_array_unref);
  g_clear_pointer (&self->faces, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->card_number, g_free);
  g_clear_pointer (&self->shop_name, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kt_print_dialog_parent_class)->finalize (object);
}

static void
kt_print_dialog_class_init (KtPrintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kt_print_dialog_dispose;
  object_class->finalize = kt_print_dialog_finalize;
  window_class->close_request = kt_print_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, settings_page);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, what_row);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, batch_row);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, design_row);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, layout_row);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, duplex_switch);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, bleed_spin);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, offset_x_spin);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, offset_y_spin);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, page_area);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, page_label);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KtPrintDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, what_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, design_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, layout_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);

  gtk_widget_class_install_action (widget_class, "print.previous-page", NULL,
                                   previous_page_action);
  gtk_widget_class_install_action (widget_class, "print.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "print.reset-calibration", NULL,
                                   reset_calibration_action);
  _kt_print_dialog_output_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "print.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "print.next-page", NULL);
}

static void
kt_print_dialog_init (KtPrintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->faces = empty_faces ();
  self->settings = g_settings_new (APP_ID);
  gtk_drawing_area_set_draw_func (self->page_area, draw_page_cb, self, NULL);

  /* The printer's calibration and the last sheet options are kept for
   * the next print. */
  self->filling = TRUE;
  g_settings_bind (self->settings, "print-duplex", self->duplex_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "print-bleed", self->bleed_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "print-offset-x", self->offset_x_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "print-offset-y", self->offset_y_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "print-scale", self->scale_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  fill_layouts (self);
  self->filling = FALSE;
}

/* ---- public API ---------------------------------------------------------- */

static KtPrintDialog *
print_dialog_new (GtkWindow   *parent,
                  KtStore     *store,
                  KtPrintWhat  what,
                  gint64       batch_id,
                  const char  *search,
                  const char  *card_number)
{
  KtPrintDialog *self = g_object_new (KT_TYPE_PRINT_DIALOG, "transient-for", parent, NULL);

  self->store = store;
  self->search = g_strdup (search != NULL ? search : "");
  self->card_number = g_strdup (card_number);
  self->shop_name = kt_store_get_setting (store, KT_SETTING_SHOP_NAME);

  self->filling = TRUE;
  fill_batches (self, batch_id);
  fill_designs (self);
  fill_what (self, what);
  self->filling = FALSE;

  load_faces (self);
  return self;
}

/**
 * kt_print_dialog_new_for_batch:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @batch_id: the batch, or 0 for the newest
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtPrintDialog *
kt_print_dialog_new_for_batch (GtkWindow *parent,
                               KtStore   *store,
                               gint64     batch_id)
{
  g_return_val_if_fail (store != NULL, NULL);

  return print_dialog_new (parent, store, KT_PRINT_BATCH, batch_id, NULL, NULL);
}

/**
 * kt_print_dialog_new_for_members:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @search: (nullable): the member search, as in the member list
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtPrintDialog *
kt_print_dialog_new_for_members (GtkWindow  *parent,
                                 KtStore    *store,
                                 const char *search)
{
  g_return_val_if_fail (store != NULL, NULL);

  return print_dialog_new (parent, store, KT_PRINT_MEMBERS, 0, search, NULL);
}

/**
 * kt_print_dialog_new_for_card:
 * @parent: the main window
 * @store: the register; it must outlive the dialog
 * @number: the card's number
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
KtPrintDialog *
kt_print_dialog_new_for_card (GtkWindow  *parent,
                              KtStore    *store,
                              const char *number)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (number != NULL, NULL);

  return print_dialog_new (parent, store, KT_PRINT_CARD, 0, NULL, number);
}

guint
kt_print_dialog_get_n_cards (KtPrintDialog *self)
{
  g_return_val_if_fail (KT_IS_PRINT_DIALOG (self), 0);

  return self->faces->len;
}

guint
kt_print_dialog_get_n_pages (KtPrintDialog *self)
{
  g_return_val_if_fail (KT_IS_PRINT_DIALOG (self), 0);

  return n_pages (self);
}
