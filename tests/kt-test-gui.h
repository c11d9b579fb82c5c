/* kt-test-gui.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers for the display tests: letting the main loop run, finding what
 * is on screen the way a person finds it (a field by its title, a button
 * by its label, a window by its kind), and pressing it.
 */

#pragma once

#include <adwaita.h>

#include "gui/kt-window.h"

#define KT_TEST_WAIT_TIMEOUT_MS 10000

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
