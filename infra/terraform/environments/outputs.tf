output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks_environment.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API server URL (the Jenkinsfile prints it on the portal-output line)."
  value       = module.eks_environment.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64 PEM of the cluster CA (the Jenkinsfile prints it on the portal-output line)."
  value       = module.eks_environment.cluster_certificate_authority_data
}

output "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider."
  value       = module.eks_environment.oidc_provider_arn
}

output "irsa_role_arns" {
  description = "IAM role ARN per add-on service account."
  value       = module.eks_environment.irsa_role_arns
}
