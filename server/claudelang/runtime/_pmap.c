/* `dict-set` on the newest version of a map (runtime/containers.py), in C.
 *
 * A map updated linearly is a chain of versions whose newest one owns a Python dict
 * (containers.py explains the design). Updating the owner is the inner loop of map code:
 * look up the key's old value, store the new one in the dict, make the new owner and turn
 * the old version into a diff `(newer, key, old value)`. In Python that is a call plus a
 * dozen attribute stores (about 1 µs); here the slots are written directly, at the offsets
 * `bind` reads from the class's member descriptors, so every other reader of a map
 * (containers.py, the printer) is unchanged.
 *
 * This is only the common case: a key of a *plain* type (its own dict key and spelling:
 * int, str, keyword, symbol, nil) whose old value in the dict, if any, is a bare value.
 * Everything else (a trie or diff version, another key type, an `_Entry` value) is
 * containers.py's `_assoc`, which `bind` hands over.
 *
 * A key's `__hash__` or `__eq__` may run Python code that materialises maps, which may
 * even turn this owner into a trie version. The dict is held by a strong reference
 * throughout, so it stays valid; the contents written are then still the old version's
 * plus the new entry, which is what the new version holds, and the old version becomes a
 * diff of it.
 */

#define PY_SSIZE_T_CLEAN
#include "slots.h"

static PyTypeObject *map_type = NULL;   /* containers.Map, once bound */
static PyObject *slow_assoc = NULL;     /* containers._assoc */
static PyTypeObject *entry_type = NULL; /* containers._Entry */
static PyObject *absent = NULL;         /* containers._ABSENT */
static PyObject *plain_types = NULL;    /* containers._PLAIN, a tuple of types */
static Py_ssize_t off_table, off_count, off_entries, off_newer, off_key, off_old, off_run;

static PyObject *bind(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 5 || !PyType_Check(args[0]) || !PyCallable_Check(args[1]) || !PyType_Check(args[2]) ||
        !PyTuple_CheckExact(args[4])) {
        PyErr_SetString(PyExc_TypeError, "bind() takes Map, _assoc, _Entry, _ABSENT and _PLAIN");
        return NULL;
    }
    PyObject *cls = args[0];
    if (slot_offset(cls, "_table", &off_table) || slot_offset(cls, "_count", &off_count) ||
        slot_offset(cls, "_entries", &off_entries) || slot_offset(cls, "_newer", &off_newer) ||
        slot_offset(cls, "_key", &off_key) || slot_offset(cls, "_old", &off_old) ||
        slot_offset(cls, "_run", &off_run)) {
        return NULL;
    }
    Py_XSETREF(map_type, (PyTypeObject *)Py_NewRef(cls));
    Py_XSETREF(slow_assoc, Py_NewRef(args[1]));
    Py_XSETREF(entry_type, (PyTypeObject *)Py_NewRef(args[2]));
    Py_XSETREF(absent, Py_NewRef(args[3]));
    Py_XSETREF(plain_types, Py_NewRef(args[4]));
    Py_RETURN_NONE;
}

static int is_plain(PyTypeObject *type) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(plain_types); i++) {
        if ((PyObject *)type == PyTuple_GET_ITEM(plain_types, i)) {
            return 1;
        }
    }
    return 0;
}

/* Replace the object in a slot, dropping the one that was there (if any). */
static void set_slot(PyObject *obj, Py_ssize_t offset, PyObject *value) {
    PyObject *previous = SLOT(obj, offset);
    SLOT(obj, offset) = value;
    Py_XDECREF(previous);
}

/* The owner's update, or NULL with `*slow` set when it is not the common case; `table` is
 * a strong reference the caller keeps. */
static PyObject *assoc_owner(PyObject *m, PyObject *table, PyObject *key, PyObject *value, int *slow) {
    PyObject *old = PyDict_GetItemWithError(table, key);
    if (old == NULL && PyErr_Occurred()) {
        return NULL;
    }
    if (old != NULL && Py_TYPE(old) == entry_type) {
        *slow = 1;
        return NULL;
    }
    old = Py_NewRef(old != NULL ? old : absent); /* the dict's reference goes with the store */
    PyObject *new = PyDict_SetItem(table, key, value) == 0 ? map_type->tp_alloc(map_type, 0) : NULL;
    if (new == NULL) {
        Py_DECREF(old);
        return NULL;
    }
    SLOT(new, off_table) = Py_NewRef(table);
    SLOT(new, off_count) = Py_NewRef(Py_None);
    SLOT(new, off_entries) = Py_NewRef(Py_None);
    SLOT(new, off_newer) = Py_NewRef(Py_None);
    SLOT(new, off_key) = Py_NewRef(Py_None);
    SLOT(new, off_old) = Py_NewRef(Py_None);
    SLOT(new, off_run) = Py_NewRef(Py_None);
    /* The old version: "the new one, except that `key` had `old`". */
    set_slot(m, off_newer, Py_NewRef(new));
    set_slot(m, off_key, Py_NewRef(key));
    set_slot(m, off_old, old);
    set_slot(m, off_table, Py_NewRef(Py_None));
    return new;
}

static PyObject *assoc(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "assoc() takes a Map, a key and a value");
        return NULL;
    }
    PyObject *m = args[0], *key = args[1], *value = args[2];
    if (map_type == NULL || Py_TYPE(m) != map_type) {
        PyErr_Format(PyExc_TypeError, "expected a Map, got %.100s", Py_TYPE(m)->tp_name);
        return NULL;
    }
    PyObject *table = SLOT(m, off_table);
    int slow = table == NULL || !PyDict_CheckExact(table) || !is_plain(Py_TYPE(key));
    PyObject *new = NULL;
    if (!slow) {
        Py_INCREF(table);
        new = assoc_owner(m, table, key, value, &slow);
        Py_DECREF(table);
    }
    return slow ? PyObject_Vectorcall(slow_assoc, args, 3, NULL) : new;
}

static PyMethodDef methods[] = {
    {"bind", (PyCFunction)(void (*)(void))bind, METH_FASTCALL, "bind(Map, _assoc, _Entry, _ABSENT, _PLAIN)."},
    {"assoc", (PyCFunction)(void (*)(void))assoc, METH_FASTCALL, "assoc(m, key, value): the map with key set."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {PyModuleDef_HEAD_INIT, "_pmap", NULL, -1, methods};

PyMODINIT_FUNC PyInit__pmap(void) { return PyModule_Create(&module_def); }
