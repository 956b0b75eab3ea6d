"""The shared knowledge-table reader: comments, header, padding, and clear errors."""

import pytest

from accord.data.tables import data_path, read_table


def test_rows_skip_comments_and_pad_trailing_empty_cells(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text("# a comment\nname\tcode\tnote\nIraq\tIRQ\n\n# more\nRussia\tRUS\tbig\n",
                     encoding="utf-8")
    rows = [(line, row) for _, line, row in read_table(table, "unused", ("name", "code"))]
    assert rows == [(3, {"name": "Iraq", "code": "IRQ", "note": ""}),
                    (6, {"name": "Russia", "code": "RUS", "note": "big"})]


def test_a_wrong_header_names_the_file_and_line(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text("# x\ncode\tname\nIRQ\tIraq\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"t\.tsv:2: header must start with"):
        list(read_table(table, "unused", ("name", "code")))


def test_a_row_wider_than_the_header_is_an_error(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text("name\tcode\nIraq\tIRQ\textra\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r":2: 3 columns, expected 2"):
        list(read_table(table, "unused", ("name", "code")))


def test_a_missing_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        list(read_table(tmp_path / "absent.tsv", "unused", ("name",)))


def test_built_in_tables_are_found_in_the_package():
    assert data_path("countries.tsv").exists()
    assert next(read_table(None, "time_words.tsv", ("phrase", "kind")))[2]["phrase"]
