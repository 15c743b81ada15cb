"""Developer and staff tools (CLI, local resolver, server, build, bench). Never imported by the Lambda."""
