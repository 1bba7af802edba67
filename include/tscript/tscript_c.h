/* The tscript embedding API for C and other languages' foreign-function interfaces.
 * Every function taking an interpreter is safe to call only from the thread using it,
 * except tscript_interrupt. Functions returning int give 0 on success and -1 when the
 * script raised or a conversion failed; tscript_last_error then describes it. */
#ifndef TSCRIPT_C_H
#define TSCRIPT_C_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tscript_interp tscript_interp;

/* A new interpreter with the embedded defaults: every module, no file access.
 * NULL when it could not be created. */
tscript_interp* tscript_create(void);
void tscript_destroy(tscript_interp* interp);

/* Runs statements in __main__ (filename appears in tracebacks; NULL for "<embed>"). */
int tscript_exec(tscript_interp* interp, const char* source, const char* filename);

/* Globals of __main__. A get fails (-1) when the name is unbound or of another type;
 * tscript_get_float accepts ints too. The string returned by tscript_get_string stays
 * valid until the next call on the same interpreter. */
int tscript_set_int(tscript_interp* interp, const char* name, int64_t value);
int tscript_set_float(tscript_interp* interp, const char* name, double value);
int tscript_set_string(tscript_interp* interp, const char* name, const char* value);
int tscript_get_int(tscript_interp* interp, const char* name, int64_t* out);
int tscript_get_float(tscript_interp* interp, const char* name, double* out);
const char* tscript_get_string(tscript_interp* interp, const char* name); /* NULL on failure */

/* The last failure: its Python type name ("ValueError") and the full text (the traceback
 * when there is one, else "Type: message"); "" after a call that succeeded. */
const char* tscript_last_error_type(const tscript_interp* interp);
const char* tscript_last_error(const tscript_interp* interp);

/* Limits: instructions per call (-1: unlimited) and an interrupt any thread may send. */
void tscript_set_instruction_limit(tscript_interp* interp, int64_t max_instructions);
void tscript_interrupt(tscript_interp* interp);

#ifdef __cplusplus
}
#endif

#endif /* TSCRIPT_C_H */
