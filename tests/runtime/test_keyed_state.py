"""The keyed state store and transactions of earlier releases (LANGUAGE.md §10), run
through `claudelang.Session` as programs and hosts use it."""

from __future__ import annotations

import pytest
from claudelang import ClError, Session


def printed(source: str, session: Session | None = None) -> str:
    session = session or Session(capture_output=True)
    session.eval(source)
    return session.take_output()


def error_of(source: str) -> ClError:
    with pytest.raises(ClError) as info:
        Session(capture_output=True).eval(source)
    return info.value


def test_a_string_keyword_or_symbol_names_one_entry_missing_reads_nil() -> None:
    source = """
    (io:print (state:get "users"))
    (io:print (state:set "users" ["ann"]) (state:set :users ["ann" "bob"]))
    (io:print (state:get 'users) (state:get :users) (state:get "users"))
    """
    assert printed(source) == 'nil\nnil ["ann"]\n["ann" "bob"] ["ann" "bob"] ["ann" "bob"]\n'


def test_update_and_delete() -> None:
    source = """
    (io:print (state:update "hits" (lambda (n) (if (nil? n) 1 (+ n 1)))))
    (io:print (state:update :hits (lambda (n) (+ n 1))))
    (io:print (state:delete "hits") (state:get :hits) (state:delete "hits"))
    """
    assert printed(source) == "1\n2\n2 nil nil\n"


def test_cells_keep_their_behaviour() -> None:
    assert printed("(define c (state:new 1)) (io:print (state:set c 5) (state:update c (lambda (v) (* v 2))))") == (
        "5 10\n"
    )


def test_rollback_restores_the_snapshot_and_commit_keeps_the_changes() -> None:
    source = """
    (state:set "balance" 100)
    (state:begin-transaction)
    (state:set "balance" 0)
    (state:set "note" "gone")
    (state:rollback-transaction)
    (io:print (state:get "balance") (state:get "note"))
    (state:begin-transaction)
    (state:update "balance" (lambda (b) (- b 30)))
    (state:commit-transaction)
    (io:print (state:get "balance"))
    """
    assert printed(source) == "100 nil\n70\n"


def test_transactions_nest() -> None:
    source = """
    (state:set "x" 1)
    (state:begin-transaction)
    (state:set "x" 2)
    (state:begin-transaction)
    (state:set "x" 3)
    (state:rollback-transaction)
    (io:print (state:get "x"))
    (state:begin-transaction)
    (state:set "x" 4)
    (state:commit-transaction)
    (io:print (state:get "x"))
    (state:rollback-transaction)
    (io:print (state:get "x"))
    """
    assert printed(source) == "2\n4\n1\n"


def test_closing_a_transaction_that_is_not_open_is_an_error() -> None:
    error = error_of("(state:begin-transaction)\n(state:commit-transaction)\n(state:rollback-transaction)")
    assert error.kind == "state"
    assert error.message.startswith("state:rollback-transaction: no transaction is open")
    assert (error.location.line, error.location.col) == (3, 1)


def test_each_session_has_its_own_store() -> None:
    first, second = Session(capture_output=True), Session(capture_output=True)
    first.eval('(state:set "k" 1) (state:begin-transaction)')
    assert printed('(io:print (state:get "k"))', second) == "nil\n"
    with pytest.raises(ClError, match="no transaction is open"):
        second.eval("(state:commit-transaction)")
    assert printed('(state:commit-transaction) (io:print (state:get "k"))', first) == "1\n"


def test_the_keyed_ops_are_state_effects_that_handlers_intercept() -> None:
    source = """
    (io:print (handler ((state:set (lambda (k v) (list "set" k v)))) (state:set "k" 1)))
    (io:print (state:get "k"))
    (io:print (handler ((state (lambda (op ...args) op)))
      (list (state:delete "k") (state:begin-transaction) (state:commit-transaction) (state:rollback-transaction))))
    """
    assert printed(source) == (
        '["set" "k" 1]\nnil\n["delete" "begin-transaction" "commit-transaction" "rollback-transaction"]\n'
    )


def test_a_value_that_is_neither_a_cell_nor_a_key_is_a_type_error() -> None:
    error = error_of("(state:get 5)")
    assert (error.kind, error.message) == (
        "type",
        "state:get: expected a state cell or a key (a string, keyword or symbol), got 5 (int)",
    )
    error = error_of("(state:delete (state:new 1))")
    assert error.kind == "type" and error.message.startswith("state:delete: expected a key (a string, keyword")
