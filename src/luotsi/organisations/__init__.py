"""Provider organisations (palveluntuottaja), their contract offices and teams."""
