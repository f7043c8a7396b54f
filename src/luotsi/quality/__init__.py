"""Quality and audit readiness: Kela's audits with their findings and corrective actions,
the quality manager's page, the quality figures and the self-monitoring plan."""
