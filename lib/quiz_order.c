/* quiz_order.c - the deterministic order in which an attempt shows questions and options. */
#include <stdint.h>
#include <stdlib.h>

#include "quiz.h"

/* Multiplies a question id into the seed of its option order, so that the
 * options of each question move independently. Any odd constant would do. */
#define OPTION_STREAM 0x9e3779b97f4a7c15ULL

/* splitmix64: a small generator whose output is well spread even for
 * nearby seeds. It is predictable, so it must not make secrets. */
static uint64_t splitmix64_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Returns a number in 0..bound-1; the modulo bias is negligible for the
 * few dozen elements a test has. */
static size_t next_below(uint64_t *state, size_t bound)
{
	return (size_t)(splitmix64_next(state) % (uint64_t)bound);
}

static void shuffle_items(struct quiz_item *items, size_t count, uint64_t state)
{
	size_t i, j;

	for (i = count; i > 1; i--) {
		struct quiz_item tmp;

		j = next_below(&state, i);
		tmp = items[i - 1];
		items[i - 1] = items[j];
		items[j] = tmp;
	}
}

static void shuffle_choices(struct quiz_choice *choices, size_t count, uint64_t state)
{
	size_t i, j;

	for (i = count; i > 1; i--) {
		struct quiz_choice tmp;

		j = next_below(&state, i);
		tmp = choices[i - 1];
		choices[i - 1] = choices[j];
		choices[j] = tmp;
	}
}

static int compare_position(const void *a, const void *b)
{
	const struct quiz_item *x = a, *y = b;

	return (x->position > y->position) - (x->position < y->position);
}

void quiz_items_order(struct quiz_items *items, int64_t seed, int shuffle)
{
	size_t i;

	/* Start from the stored order, so the result does not depend on how
	 * the caller loaded the rows. */
	if (items->count > 1)
		qsort(items->items, items->count, sizeof(*items->items), compare_position);
	if (!shuffle)
		return;

	shuffle_items(items->items, items->count, (uint64_t)seed);
	for (i = 0; i < items->count; i++) {
		struct quiz_item *q = &items->items[i];
		uint64_t state = (uint64_t)seed ^ ((uint64_t)q->id * OPTION_STREAM);

		if (q->type == QUIZ_ITEM_SINGLE || q->type == QUIZ_ITEM_MULTIPLE)
			shuffle_choices(q->choices, q->choice_count, state);
	}
}
