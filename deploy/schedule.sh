#!/usr/bin/env bash
# Build the image and the Flex Template, then run it every hour with Cloud Scheduler.
# Set these first; the service account needs roles/dataflow.developer, roles/storage.objectAdmin
# on the bucket and roles/iam.serviceAccountUser on the Dataflow worker service account.
set -euo pipefail
: "${PROJECT:?}" "${REGION:?}" "${BUCKET:?}" "${SCHEDULER_SA:?}"
IMAGE="$REGION-docker.pkg.dev/$PROJECT/dateline/dateline:0.1.0"

# 1. Worker + launcher image with the spaCy model baked in (run from the repository root).
gcloud artifacts repositories create dateline --repository-format=docker --location="$REGION" || true
gcloud auth configure-docker "$REGION-docker.pkg.dev" --quiet
docker build -f deploy/Dockerfile -t "$IMAGE" .
docker push "$IMAGE"

# 2. The Flex Template spec (parameters from deploy/metadata.json).
gcloud dataflow flex-template build "gs://$BUCKET/templates/dateline.json" \
  --image "$IMAGE" --sdk-language PYTHON --metadata-file deploy/metadata.json

# 3. One manual run to check it.
gcloud dataflow flex-template run "dateline-$(date +%Y%m%d-%H%M%S)" \
  --template-file-gcs-location "gs://$BUCKET/templates/dateline.json" --region "$REGION" \
  --parameters input="gs://$BUCKET/incoming/",output="gs://$BUCKET/dateline/" \
  --parameters sdk_container_image="$IMAGE"

# 4. Every hour: Cloud Scheduler calls the Flex Template launch API with deploy/launch-body.json.
sed -e "s|MY_BUCKET|$BUCKET|g" -e "s|REGION-docker.pkg.dev/PROJECT|$REGION-docker.pkg.dev/$PROJECT|" \
  deploy/launch-body.json > /tmp/dateline-launch-body.json
gcloud scheduler jobs create http dateline-hourly --location "$REGION" \
  --schedule "0 * * * *" --time-zone "Etc/UTC" \
  --uri "https://dataflow.googleapis.com/v1b3/projects/$PROJECT/locations/$REGION/flexTemplates:launch" \
  --http-method POST --headers "Content-Type=application/json" \
  --message-body-from-file /tmp/dateline-launch-body.json \
  --oauth-service-account-email "$SCHEDULER_SA" \
  --oauth-token-scope "https://www.googleapis.com/auth/cloud-platform"
