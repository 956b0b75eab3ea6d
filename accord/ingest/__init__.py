"""Ingestion: read news from files, directories, WARC archives or stdin, and clean it for coding.

``readers.read_inputs`` yields raw Articles (or DocErrors); ``prepare.prepare_article`` turns a
raw Article into the cleaned one the pipeline codes.
"""
