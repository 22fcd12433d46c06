"""Airflow DAG: launch the dateline Flex Template every hour (Cloud Composer or any Airflow 2 with
apache-airflow-providers-google). Each run processes only the files not yet in the output's _manifest."""
from __future__ import annotations

import datetime as dt

from airflow import DAG
from airflow.providers.google.cloud.operators.dataflow import DataflowStartFlexTemplateOperator

PROJECT = "my-project"
REGION = "europe-west1"
BUCKET = "my-bucket"
IMAGE = f"{REGION}-docker.pkg.dev/{PROJECT}/dateline/dateline:0.1.0"

with DAG(
    dag_id="dateline_hourly",
    schedule="0 * * * *",
    start_date=dt.datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,  # runs share the output's _manifest: one at a time
    tags=["dateline"],
) as dag:
    DataflowStartFlexTemplateOperator(
        task_id="run_dateline",
        project_id=PROJECT,
        location=REGION,
        wait_until_finished=True,
        body={
            "launchParameter": {
                "jobName": "dateline-{{ ts_nodash | lower }}",
                "containerSpecGcsPath": f"gs://{BUCKET}/templates/dateline.json",
                "parameters": {
                    "input": f"gs://{BUCKET}/incoming/",
                    "output": f"gs://{BUCKET}/dateline/",
                    "batch_size": "32",
                },
                "environment": {
                    "tempLocation": f"gs://{BUCKET}/tmp",
                    "maxWorkers": 10,
                    "sdkContainerImage": IMAGE,
                },
            }
        },
    )
