output "cluster_name" {
  description = "Name of the EKS cluster (the environment's name)."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "URL of the cluster's Kubernetes API server (catalog annotation kubernetes.io/api-server)."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64 PEM of the cluster's CA (catalog annotation kubernetes.io/api-server-certificate-authority)."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (for further IRSA roles)."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "irsa_role_arns" {
  description = "IAM role ARN per add-on service account (cluster-autoscaler, aws-load-balancer-controller, external-dns, ebs-csi), for the ones created."
  value       = { for k, r in aws_iam_role.irsa : k => r.arn }
}

output "node_group_name" {
  description = "Name of the managed node group."
  value       = aws_eks_node_group.default.node_group_name
}

output "vpc_id" {
  description = "ID of the existing VPC the cluster runs in."
  value       = data.aws_vpc.selected.id
}

output "region" {
  description = "The region, once validated (the root configuration's provider takes it from here)."
  value       = var.region
}
