/* kt-cards-view.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Cards page of the main window: the batches of blank cards (how many,
 * which numbers, how many handed out, when last printed and with which
 * design), a new batch, and the shop's card designs (new, edit, duplicate,
 * delete). Printing goes through the window's win.print-cards action;
 * every change is read back from the register, so the page always shows
 * what is there.
 */

#define G_LOG_DOMAIN "kt-cards-view"

#include "config.h"

#include <glib/gi18n.h>

#include "store/kt-store-print.h"
#include "kt-card-designer.h"
#include "kt-cards-view.h"
#include "kt-format.h"

struct _KtCardsView
{
  AdwBin               parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *batches_group;
  AdwPreferencesGroup *designs_group;

  KtStore             *store;        /* not owned: the main window's */
  GPtrArray           *batch_rows;   /* the rows on show */
  GPtrArray           *design_rows;
};

G_DEFINE_FINAL_TYPE (KtCardsView, kt_cards_view, ADW_TYPE_BIN)

#define BATCH_COUNT_DEFAULT 100
#define BATCH_COUNT_MAX     100000

/* ---- helpers ------------------------------------------------------------- */

static GtkWindow *
get_window (KtCardsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (KtCardsView *self,
       const char  *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* A refusal from the register, in a dialog with its own words. */
static void
show_problem (KtCardsView *self,
              const char  *heading,
              const char  *message)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             const char *action_name,
             gint64      target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", target);
  return button;
}

static const char *
symbology_label (KtSymbology symbology)
{
  switch (symbology)
    {
    case KT_SYMBOLOGY_CODE128:
      return _("Code 128");
    case KT_SYMBOLOGY_QR:
      return _("QR code");
    case KT_SYMBOLOGY_EAN13:
    default:
      return _("EAN-13");
    }
}

/* The register's designs, or NULL after saying why not. */
static GPtrArray *
read_designs (KtCardsView *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *designs = kt_store_card_designs (self->store, &error);

  if (designs == NULL)
    toast (self, error->message);
  return designs;
}

/* The design an action is about, or NULL after saying why not. */
static KtCardDesign *
read_design (KtCardsView *self,
             GVariant    *parameter)
{
  g_autoptr(GError) error = NULL;
  KtCardDesign *design;

  design = kt_store_card_design_get (self->store, g_variant_get_int64 (parameter), &error);
  if (design == NULL)
    toast (self, error->message);
  return design;
}

/* "Standard (copy)", "Standard (copy 2)"...: a name no design has. */
static char *
unused_name (GPtrArray  *designs,
             const char *base,
             gboolean    as_copy)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;
      gboolean taken = FALSE;

      if (as_copy)
        name = n == 1 ? g_strdup_printf (_("%s (copy)"), base)
                      : g_strdup_printf (_("%s (copy %u)"), base, n);
      else
        name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s %u", base, n);

      folded = g_utf8_casefold (name, -1);
      for (guint i = 0; i < designs->len && !taken; i++)
        {
          const KtCardDesign *design = g_ptr_array_index (designs, i);
          g_autofree char *other = g_utf8_casefold (design->name, -1);

          taken = g_strcmp0 (folded, other) == 0;
        }
      if (!taken)
        return g_steal_pointer (&name);
    }
}

/* A dialog about a batch or a design keeps its id. */
static void
set_dialog_id (GtkWidget *dialog,
               gint64     id)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = id;
  g_object_set_data_full (G_OBJECT (dialog), "kt-id", copy, g_free);
}

static gint64
get_dialog_id (AdwMessageDialog *dialog)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "kt-id");

  return id != NULL ? *id : 0;
}

/* ---- batches ------------------------------------------------------------- */

static GtkWidget *
batch_row_new (const KtCardBatch *batch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *title = kt_card_batch_title (batch);
  g_autofree char *numbers = NULL;
  g_autofree char *created = kt_format_date (batch->created);
  g_autofree char *assigned = kt_format_count (batch->assigned);
  g_autofree char *count = kt_format_count (batch->count);
  g_autofree char *handed_out = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *subtitle = NULL;

  if (batch->count == 1 || g_strcmp0 (batch->first_number, batch->last_number) == 0)
    numbers = g_strdup (batch->first_number);
  else
    /* TRANSLATORS: the first and last card numbers of a batch */
    numbers = g_strdup_printf (_("%s to %s"), batch->first_number, batch->last_number);

  /* TRANSLATORS: "12 of 100 handed out" */
  handed_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s of %s handed out", "%s of %s handed out",
                                             batch->count),
                                assigned, count);

  if (batch->printed == NULL)
    printed = g_strdup (_("never printed"));
  else
    {
      g_autofree char *when = kt_format_date (batch->printed);

      if (batch->design_name != NULL)
        /* TRANSLATORS: when a batch was last printed, and the design's name */
        printed = g_strdup_printf (_("last printed %s with “%s”"), when, batch->design_name);
      else
        printed = g_strdup_printf (_("last printed %s"), when);
    }

  /* TRANSLATORS: numbers, creation date; then handed out and printing */
  subtitle = g_strdup_printf (_("%s · created %s\n%s · %s"),
                              numbers, created, handed_out, printed);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "auth-smartcard-symbolic");
  gtk_widget_add_css_class (row, "numeric");

  button = gtk_button_new_with_mnemonic (batch->printed == NULL ? _("_Print…")
                                                                : _("Re_print…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.print-cards");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", batch->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
fill_batches (KtCardsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = kt_store_card_batches (self->store, &error);
  GtkWidget *row;

  clear_rows (self->batches_group, self->batch_rows);

  if (batches == NULL)
    {
      toast (self, error->message);
      return;
    }

  if (batches->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No batches yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Create a batch of numbered blank cards, print it, and keep "
                                     "the cards at the till"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->batches_group, row);
      g_ptr_array_add (self->batch_rows, row);
      return;
    }

  for (guint i = 0; i < batches->len; i++)
    {
      row = batch_row_new (g_ptr_array_index (batches, i));
      adw_preferences_group_add (self->batches_group, row);
      g_ptr_array_add (self->batch_rows, row);
    }
}

static void
print_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   KtCardsView      *self)
{
  if (g_strcmp0 (response, "print") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.print-cards", "x",
                                get_dialog_id (dialog));
}

/* The batch is in the register: printing it is the next step. */
static void
offer_to_print (KtCardsView *self,
                gint64       batch_id,
                guint        count)
{
  g_autoptr(KtCardBatch) batch = kt_store_card_batch_get (self->store, batch_id, NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *count_text = kt_format_count (count);
  GtkWidget *dialog;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s Blank Card Created", "%s Blank Cards Created",
                                          count),
                             count_text);
  if (batch != NULL && count > 1)
    body = g_strdup_printf (_("Batch %lld has the numbers %s to %s. Print the cards now?"),
                            (long long) batch_id, batch->first_number, batch->last_number);
  else if (batch != NULL)
    body = g_strdup_printf (_("Batch %lld has the number %s. Print the card now?"),
                            (long long) batch_id, batch->first_number);
  else
    body = g_strdup_printf (_("Batch %lld is ready. Print it now?"), (long long) batch_id);

  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "print", _("_Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  set_dialog_id (dialog, batch_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (print_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_batch_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       KtCardsView      *self)
{
  GtkSpinButton *count_spin = g_object_get_data (G_OBJECT (dialog), "kt-count");
  GtkEditable *note_row = g_object_get_data (G_OBJECT (dialog), "kt-note");
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  guint count;
  gint64 batch_id;

  if (g_strcmp0 (response, "create") != 0)
    return;

  gtk_spin_button_update (count_spin);
  count = (guint) gtk_spin_button_get_value_as_int (count_spin);
  note = g_strstrip (g_strdup (gtk_editable_get_text (note_row)));

  batch_id = kt_store_card_batch_create (self->store, count, *note != '\0' ? note : NULL, &error);
  if (batch_id == 0)
    {
      show_problem (self, _("The Batch Cannot Be Created"), error->message);
      return;
    }

  kt_cards_view_reload (self);
  offer_to_print (self, batch_id, count);
}

static void
new_batch_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KtCardsView *self = KT_CARDS_VIEW (widget);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *count_row;
  GtkWidget *count_spin;
  GtkWidget *note_row;

  if (self->store == NULL)
    return;

  count_spin = gtk_spin_button_new_with_range (1, BATCH_COUNT_MAX, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (count_spin), BATCH_COUNT_DEFAULT);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (count_spin), TRUE);
  gtk_widget_set_valign (count_spin, GTK_ALIGN_CENTER);

  count_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (count_row), _("Number of Cards"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (count_row), count_spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (count_row), count_spin);

  note_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note_row),
                                 _("Note (for example the printer’s order)"));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), count_row);
  gtk_list_box_append (GTK_LIST_BOX (list), note_row);

  dialog = adw_message_dialog_new (get_window (self), _("New Batch of Blank Cards"),
                                   _("The cards get consecutive numbers from the shop’s "
                                     "sequence. They are printed next."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kt-count", count_spin);
  g_object_set_data (G_OBJECT (dialog), "kt-note", note_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_batch_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- designs ------------------------------------------------------------- */

static GtkWidget *
design_row_new (const KtCardDesign *design)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  const char *sides = design->has_back ? _("Front and back") : _("Front only");

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s · %s · %u field", "%s · %s · %u fields",
                                           design->fields->len),
                              sides, symbology_label (design->symbology), design->fields->len);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), design->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "applications-graphics-symbolic");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("document-edit-symbolic", _("Edit the Design"),
                                          "cards.edit-design", design->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("edit-copy-symbolic", _("Duplicate the Design"),
                                          "cards.duplicate-design", design->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("user-trash-symbolic", _("Delete the Design"),
                                          "cards.delete-design", design->id));

  /* A click on the row edits, as its first button does. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "cards.edit-design");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", design->id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
fill_designs (KtCardsView *self)
{
  g_autoptr(GPtrArray) designs = NULL;

  clear_rows (self->designs_group, self->design_rows);

  if ((designs = read_designs (self)) == NULL)
    return;

  for (guint i = 0; i < designs->len; i++)
    {
      GtkWidget *row = design_row_new (g_ptr_array_index (designs, i));

      adw_preferences_group_add (self->designs_group, row);
      g_ptr_array_add (self->design_rows, row);
    }
}

static void
designer_saved_cb (KtCardsView *self,
                   gint64       design_id,
                   const char  *name)
{
  g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

  kt_cards_view_reload (self);
  toast (self, message);
}

static void
open_designer (KtCardsView        *self,
               const KtCardDesign *design)
{
  KtCardDesigner *designer = kt_card_designer_new (get_window (self), self->store, design);

  g_signal_connect_object (designer, "saved", G_CALLBACK (designer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (designer));
}

static void
new_design_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KtCardsView *self = KT_CARDS_VIEW (widget);
  g_autoptr(GPtrArray) designs = NULL;
  g_autoptr(KtCardDesign) design = NULL;
  g_autofree char *name = NULL;

  if (self->store == NULL || (designs = read_designs (self)) == NULL)
    return;

  /* Not in the register until the designer saves it. */
  name = unused_name (designs, _("New Design"), FALSE);
  design = kt_card_design_new_default (name);
  open_designer (self, design);
}

static void
edit_design_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KtCardsView *self = KT_CARDS_VIEW (widget);
  g_autoptr(KtCardDesign) design = NULL;

  if (self->store == NULL || (design = read_design (self, parameter)) == NULL)
    return;

  open_designer (self, design);
}

static void
duplicate_design_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KtCardsView *self = KT_CARDS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) designs = NULL;
  g_autoptr(KtCardDesign) design = NULL;
  g_autoptr(KtCardDesign) copy = NULL;
  g_autofree char *message = NULL;

  if (self->store == NULL || (designs = read_designs (self)) == NULL ||
      (design = read_design (self, parameter)) == NULL)
    return;

  copy = kt_card_design_copy (design);
  copy->id = 0;
  g_free (copy->name);
  copy->name = unused_name (designs, design->name, TRUE);
  if (!kt_store_card_design_save (self->store, copy, &error))
    {
      show_problem (self, _("The Design Cannot Be Duplicated"), error->message);
      return;
    }

  kt_cards_view_reload (self);
  message = g_strdup_printf (_("Duplicated as “%s”"), copy->name);
  toast (self, message);
}

static void
delete_confirmed_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KtCardsView      *self)
{
  gint64 design_id = get_dialog_id (dialog);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!kt_store_card_design_delete (self->store, design_id, &error))
    {
      show_problem (self, _("The Design Cannot Be Deleted"), error->message);
      return;
    }

  kt_cards_view_reload (self);
  toast (self, _("Design deleted"));
}

static void
delete_design_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KtCardsView *self = KT_CARDS_VIEW (widget);
  g_autoptr(KtCardDesign) design = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->store == NULL || (design = read_design (self, parameter)) == NULL)
    return;

  heading = g_strdup_printf (_("Delete “%s”?"), design->name);
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   _("Batches printed with it keep its name. The design itself "
                                     "cannot be brought back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  set_dialog_id (dialog, design->id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ------------------------------------------------------------- */

/* What other pages changed (cards handed out, batches printed) shows the
 * next time the page comes up. */
static void
kt_cards_view_map (GtkWidget *widget)
{
  KtCardsView *self = KT_CARDS_VIEW (widget);

  GTK_WIDGET_CLASS (kt_cards_view_parent_class)->map (widget);

  if (self->store != NULL)
    kt_cards_view_reload (self);
}

static void
kt_cards_view_dispose (GObject *object)
{
  KtCardsView *self = KT_CARDS_VIEW (object);

  g_clear_pointer (&self->batch_rows, g_ptr_array_unref);
  g_clear_pointer (&self->design_rows, g_ptr_array_unref);
  /* The toast overlay is the bin's child and a template child: the bin
   * lets go of it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KT_TYPE_CARDS_VIEW);

  G_OBJECT_CLASS (kt_cards_view_parent_class)->dispose (object);
}

static void
kt_cards_view_class_init (KtCardsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_cards_view_dispose;
  widget_class->map = kt_cards_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-cards-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KtCardsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KtCardsView, batches_group);
  gtk_widget_class_bind_template_child (widget_class, KtCardsView, designs_group);

  gtk_widget_class_install_action (widget_class, "cards.new-batch", NULL, new_batch_action);
  gtk_widget_class_install_action (widget_class, "cards.new-design", NULL, new_design_action);
  gtk_widget_class_install_action (widget_class, "cards.edit-design", "x", edit_design_action);
  gtk_widget_class_install_action (widget_class, "cards.duplicate-design", "x",
                                   duplicate_design_action);
  gtk_widget_class_install_action (widget_class, "cards.delete-design", "x",
                                   delete_design_action);
}

static void
kt_cards_view_init (KtCardsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->batch_rows = g_ptr_array_new ();
  self->design_rows = g_ptr_array_new ();
}

/* ---- public API ---------------------------------------------------------- */

/**
 * kt_cards_view_set_store:
 * @self: a #KtCardsView
 * @store: the register; it must outlive the view
 */
void
kt_cards_view_set_store (KtCardsView *self,
                         KtStore     *store)
{
  g_return_if_fail (KT_IS_CARDS_VIEW (self));

  self->store = store;
  /* Read when the page is first shown (see map): opening the register
   * should not wait for the cards nobody looked at yet. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kt_cards_view_reload (self);
}

void
kt_cards_view_reload (KtCardsView *self)
{
  g_return_if_fail (KT_IS_CARDS_VIEW (self));

  if (self->store == NULL)
    return;

  fill_batches (self);
  fill_designs (self);
}

/**
 * kt_card_batch_title:
 * @batch: a batch of blank cards
 *
 * Returns: (transfer full): the batch's name in lists, with its size
 */
char *
kt_card_batch_title (const KtCardBatch *batch)
{
  g_autofree char *count = NULL;

  g_return_val_if_fail (batch != NULL, NULL);

  count = kt_format_count (batch->count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Batch %lld · %s card", "Batch %lld · %s cards",
                                       batch->count),
                          (long long) batch->id, count);
}
