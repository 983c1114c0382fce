curl -fsS http://127.0.0.1:8080/v1/deployments
curl -fsS http://127.0.0.1:8081/v1/stats
passenger-status
