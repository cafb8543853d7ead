"""Pages of the interop app: record access (`access`), integration tokens (`tokens`), and the
read-only FHIR API (`api`)."""
