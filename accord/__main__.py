"""`python -m accord` runs the command line."""

from accord.cli import app

if __name__ == "__main__":
    app()
