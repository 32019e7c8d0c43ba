#ifndef SEEKDB_CMARIADB_SHIM_H
#define SEEKDB_CMARIADB_SHIM_H
// pkg-config libmariadb adds the include directory that holds mysql.h.
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <string.h>

// mysql_optionsv is variadic and mysql_library_init is a macro: Swift can call neither, so
// these small wrappers take plain values (docs/code-style.md).

static inline int cmariadb_library_init(void) {
    return mysql_server_init(0, NULL, NULL);
}

static inline int cmariadb_set_uint_option(MYSQL *mysql, enum mysql_option option, unsigned int value) {
    return mysql_optionsv(mysql, option, (const void *)&value);
}

static inline int cmariadb_set_bool_option(MYSQL *mysql, enum mysql_option option, int value) {
    my_bool flag = value ? 1 : 0;
    return mysql_optionsv(mysql, option, (const void *)&flag);
}

static inline int cmariadb_set_string_option(MYSQL *mysql, enum mysql_option option, const char *value) {
    return mysql_optionsv(mysql, option, (const void *)value);
}

// MYSQL_BIND fields that Swift should not have to poke at one by one.
static inline void cmariadb_bind_input(MYSQL_BIND *bind, enum enum_field_types type,
                                       void *buffer, unsigned long length,
                                       char *is_null, int is_unsigned) {
    memset(bind, 0, sizeof(MYSQL_BIND));
    bind->buffer_type = type;
    bind->buffer = buffer;
    bind->buffer_length = length;
    bind->is_null = (my_bool *)is_null;
    bind->is_unsigned = is_unsigned ? 1 : 0;
}

static inline void cmariadb_bind_output(MYSQL_BIND *bind, void *buffer, unsigned long buffer_length,
                                        unsigned long *length, char *is_null, char *error) {
    memset(bind, 0, sizeof(MYSQL_BIND));
    bind->buffer_type = MYSQL_TYPE_STRING;
    bind->buffer = buffer;
    bind->buffer_length = buffer_length;
    bind->length = length;
    bind->is_null = (my_bool *)is_null;
    bind->error = (my_bool *)error;
}

#endif
