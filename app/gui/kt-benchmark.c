/* kt-benchmark.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kartoteka --benchmark`: how long the window takes to show a populated
 * member list, how much memory that costs, and what scrolling through the
 * whole register does to time and memory. Prints key=value lines for
 * build-aux/benchmark.sh and quits.
 *
 * Frames are what a person sees, so every measurement ends at a frame:
 * the frame clock's "after-paint" of the frame in which rows were bound,
 * and one scroll step per frame afterwards.
 */

#define G_LOG_DOMAIN "kt-benchmark"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kt-benchmark.h"

/* 200 steps from top to bottom, then jumps to random places. */
#define LINEAR_STEPS 200
#define RANDOM_STEPS 20
/* How long the list stays still before memory is measured again. */
#define SETTLE_MS 1500
/* A register that does not open within this time will not open. */
#define GIVE_UP_AFTER_US (G_USEC_PER_SEC * 600)

typedef enum
{
  PHASE_WAITING,
  PHASE_SCROLLING,
  PHASE_FINISHING,
  PHASE_DONE,
} Phase;

typedef struct
{
  KtWindow      *window;     /* owns this, through its tick callback */
  GdkFrameClock *clock;
  gulong         after_paint_id;
  guint          tick_id;
  GRand         *rand;
  gint64         started_at;
  gint64         scroll_started_at;
  guint          step;
  Phase          phase;
} KtBenchmark;

/* When the window goes away its surface drops the frame clock's handlers
 * by itself: only one still connected is disconnected. */
static void
stop_watching_frames (KtBenchmark *self)
{
  if (self->clock != NULL && self->after_paint_id != 0 &&
      g_signal_handler_is_connected (self->clock, self->after_paint_id))
    g_signal_handler_disconnect (self->clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->clock);
}

static void
kt_benchmark_free (KtBenchmark *self)
{
  stop_watching_frames (self);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self);
}

/* VmRSS from /proc/self/status, in kB; 0 when it cannot be read. */
static guint64
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

static void
print_ms (const char *key,
          gint64      microseconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* A dot as decimal separator whatever the locale: a script reads this. */
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", microseconds / 1000.0);
  printf ("%s=%s\n", key, buffer);
  fflush (stdout);
}

static guint
member_count (KtBenchmark *self)
{
  GListModel *model = kt_window_get_member_model (self->window);

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

/* Memory after scrolling is read once the list has been still for a
 * moment, as it is when a person stops scrolling and looks. */
static gboolean
measure_after_scroll_cb (gpointer user_data)
{
  printf ("rss_after_scroll_kb=%" G_GUINT64_FORMAT "\n", resident_kb ());
  fflush (stdout);

  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static void
finish (KtBenchmark *self)
{
  print_ms ("scroll_ms", g_get_monotonic_time () - self->scroll_started_at);

  self->phase = PHASE_DONE;
  stop_watching_frames (self);
  g_timeout_add (SETTLE_MS, measure_after_scroll_cb, NULL);
}

/* The list is on screen when the register is open and either empty or
 * rows have been bound to cells (in this frame's layout, just painted). */
static gboolean
list_is_shown (KtBenchmark *self)
{
  GListModel *model = kt_window_get_member_model (self->window);

  if (model == NULL)
    return FALSE;

  return g_list_model_get_n_items (model) == 0 || kt_window_get_bound_rows (self->window) > 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                KtBenchmark   *self)
{
  switch (self->phase)
    {
    case PHASE_WAITING:
      if (!list_is_shown (self))
        return;

      print_ms ("startup_ms", g_get_monotonic_time () - self->started_at);
      printf ("members=%u\n", member_count (self));
      printf ("rss_list_open_kb=%" G_GUINT64_FORMAT "\n", resident_kb ());
      fflush (stdout);

      self->scroll_started_at = g_get_monotonic_time ();
      self->phase = member_count (self) > 0 ? PHASE_SCROLLING : PHASE_FINISHING;
      break;

    case PHASE_FINISHING:
      finish (self);
      break;

    case PHASE_SCROLLING:
    case PHASE_DONE:
    default:
      break;
    }
}

/* Where step `step` scrolls to: evenly down the list, then at random. The
 * range is asked for every time: GTK refines its estimate of the list's
 * height as rows of real height come into view. */
static double
scroll_target (KtBenchmark   *self,
               GtkAdjustment *adjustment)
{
  double lower = gtk_adjustment_get_lower (adjustment);
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)
                 - lower;

  if (range <= 0)
    return lower;
  if (self->step < LINEAR_STEPS)
    return lower + range * self->step / (LINEAR_STEPS - 1);
  return lower + g_rand_double_range (self->rand, 0, range);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  KtBenchmark *self = user_data;
  GtkAdjustment *adjustment;

  if (self->phase == PHASE_WAITING &&
      g_get_monotonic_time () - self->started_at > GIVE_UP_AFTER_US)
    {
      /* No exit status can be handed back through g_application_run()
       * once it runs; the benchmark script only needs a failure. */
      fprintf (stderr, "kartoteka: the register did not open; no benchmark\n");
      exit (EXIT_FAILURE);
    }

  if (self->phase == PHASE_DONE)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->phase != PHASE_SCROLLING)
    return G_SOURCE_CONTINUE;

  adjustment = kt_window_get_list_vadjustment (self->window);
  gtk_adjustment_set_value (adjustment, scroll_target (self, adjustment));

  if (++self->step >= LINEAR_STEPS + RANDOM_STEPS)
    self->phase = PHASE_FINISHING;

  return G_SOURCE_CONTINUE;
}

static void
window_realized_cb (KtWindow    *window,
                    KtBenchmark *self)
{
  self->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (window)));
  self->after_paint_id = g_signal_connect (self->clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
}

/**
 * kt_benchmark_start:
 * @window: the main window, before it is shown
 * @started_at: g_get_monotonic_time() when the process started
 *
 * Measures from @started_at to the first frame that shows members, then
 * scrolls through the list frame by frame; prints the results on standard
 * output and quits the application.
 */
void
kt_benchmark_start (KtWindow *window,
                    gint64    started_at)
{
  KtBenchmark *self;

  g_return_if_fail (KT_IS_WINDOW (window));

  self = g_new0 (KtBenchmark, 1);
  self->window = window;
  self->started_at = started_at;
  self->rand = g_rand_new_with_seed (20260101);
  self->phase = PHASE_WAITING;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (window, self);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), self);

  /* A tick callback keeps frames coming, one scroll step each. */
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, self,
                                                (GDestroyNotify) kt_benchmark_free);
}
