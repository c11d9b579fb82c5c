/* kt-test-gui.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for the display tests: starting them, the main window on a
 * register, letting the main loop run, finding what is on screen the way a
 * person finds it (a field by its title, a button by its label, a window
 * by its kind), and pressing it.
 */

#pragma once

#include <adwaita.h>
#include <stdlib.h>

#include "gui/kt-window.h"
#include "kt-test-util.h"

#define KT_TEST_WAIT_TIMEOUT_MS 10000

/* ---- the test programme -------------------------------------------------- */

/* Starts a display test programme: the test framework, GTK and libadwaita.
 * Without a display the programme says so and ends as skipped (exit 77);
 * `what` names its tests in that message. */
static inline void
kt_test_gui_init (int          *argc,
                  char       ***argv,
                  const char   *what)
{
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping %s\n", what);
      exit (77);
    }
  adw_init ();
}

/* Registers `test` at `path` with the including file's Fixture,
 * fixture_set_up and fixture_tear_down. */
#define KT_TEST_ADD(path, test) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (test), fixture_tear_down)

/* ---- the main loop ------------------------------------------------------- */

static inline gboolean
kt_test_timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for a while: reloads, dialogs being shown. */
static inline void
kt_test_wait_ms (guint milliseconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add (milliseconds, kt_test_timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until `condition (data)` holds, at most
 * KT_TEST_WAIT_TIMEOUT_MS; returns whether it holds. */
static inline gboolean
kt_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (KT_TEST_WAIT_TIMEOUT_MS, kt_test_timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  return condition (data);
}

/* ---- the main window ----------------------------------------------------- */

/* Whether the window's member list has rows and shows them. */
static inline gboolean
kt_test_window_shows_rows (gpointer data)
{
  KtWindow *window = data;
  GListModel *model = kt_window_get_member_model (window);

  return model != NULL && g_list_model_get_n_items (model) > 0 &&
         kt_window_get_bound_rows (window) > 0;
}

/* A new main window on the register, which takes over its store: on
 * screen, with the members listed. */
static inline KtWindow *
kt_test_window_open (KtTestRegister *reg)
{
  KtWindow *window = g_object_ref_sink (kt_window_new (NULL));

  kt_window_set_store (window, g_steal_pointer (&reg->store));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kt_test_wait_until (kt_test_window_shows_rows, window));
  return window;
}

/* Destroys the windows left open (dialogs), then `*window` (which closes
 * the register's store), clears it and removes the register. */
static inline void
kt_test_window_close (KtWindow       **window,
                      KtTestRegister  *reg)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *other;

  do
    {
      other = NULL;
      for (guint i = 0; other == NULL && i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

          if (toplevel != GTK_WIDGET (*window) && gtk_widget_get_visible (toplevel))
            other = toplevel;
        }
      if (other != NULL)
        gtk_window_destroy (GTK_WINDOW (other));
    }
  while (other != NULL);

  gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
  kt_test_register_close (reg);
}

/* ---- finding what is on screen ------------------------------------------- */

typedef gboolean (*KtTestMatch) (GtkWidget *widget, const char *text);

/* The first widget below `root` (itself included) that matches, or NULL. */
static inline GtkWidget *
kt_test_find (GtkWidget   *root,
              KtTestMatch  match,
              const char  *text)
{
  if (match (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kt_test_find (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The same, failing the test when nothing matches. */
static inline GtkWidget *
kt_test_get (GtkWidget   *root,
             KtTestMatch  match,
             const char  *text)
{
  GtkWidget *found = kt_test_find (root, match, text);

  if (found == NULL)
    g_error ("Nothing on screen matches “%s”", text);
  return found;
}

static inline gboolean
kt_test_is_type_named (GtkWidget  *widget,
                       const char *type_name)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), g_type_from_name (type_name));
}

static inline gboolean
kt_test_is_entry_row_titled (GtkWidget  *widget,
                             const char *title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static inline gboolean
kt_test_is_shown_row_titled (GtkWidget  *widget,
                             const char *title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static inline gboolean
kt_test_is_button_labelled (GtkWidget  *widget,
                            const char *label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* A label on screen with the CSS class: what a person reads. */
static inline gboolean
kt_test_is_shown_label_of_class (GtkWidget  *widget,
                                 const char *css_class)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_has_css_class (widget, css_class);
}

static inline const char *
kt_test_label_text (GtkWidget   *root,
                    KtTestMatch  match,
                    const char  *text)
{
  return gtk_label_get_text (GTK_LABEL (kt_test_get (root, match, text)));
}

/* A visible window of `type` (a dialog), or NULL. */
static inline GtkWidget *
kt_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* ---- doing ---------------------------------------------------------------- */

/* Runs the window action `action` (with `target`, or NULL), which opens a
 * dialog of `type`, and returns that dialog. */
static inline GtkWidget *
kt_test_open_dialog (KtWindow   *window,
                     const char *action,
                     GVariant   *target,
                     GType       type)
{
  g_autoptr(GVariant) owned = target != NULL ? g_variant_ref_sink (target) : NULL;
  GtkWidget *dialog;

  gtk_widget_activate_action_variant (GTK_WIDGET (window), action, owned);
  kt_test_wait_ms (100);
  dialog = kt_test_find_toplevel (type);
  g_assert_nonnull (dialog);
  return dialog;
}

static inline void
kt_test_click (GtkWidget  *root,
               const char *label)
{
  g_signal_emit_by_name (kt_test_get (root, kt_test_is_button_labelled, label), "clicked");
  kt_test_wait_ms (100);
}

/* Types `text` into the entry row titled `title`, replacing what it held. */
static inline void
kt_test_fill_in (GtkWidget  *root,
                 const char *title,
                 const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (kt_test_get (root, kt_test_is_entry_row_titled, title)),
                         text);
  kt_test_wait_ms (20);
}

/* What a barcode scanner does in the main window: types the card's digits
 * into the search field, then Enter. */
static inline void
kt_test_scan (KtWindow   *window,
              const char *number)
{
  GtkEditable *entry = kt_window_get_search_entry (window);

  gtk_editable_set_text (entry, number);
  g_signal_emit_by_name (entry, "activate");
  kt_test_wait_ms (50);
}
