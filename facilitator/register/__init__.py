"""The agreements register: every outcome of every session in a set of folders, and its status.

`summary` is what one session file yields, `cache` keeps those per folder, `reading` reads
many files (cached, in worker processes), `rows` turns summaries into the register's rows and
`filters` chooses among them.
"""
