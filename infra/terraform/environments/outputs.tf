# The module's outputs, described in modules/eks-environment/outputs.tf. The
# Jenkinsfile prints cluster_endpoint and cluster_certificate_authority_data
# on the portal-output line and hands irsa_role_arns to Ansible.

output "cluster_name" { value = module.eks_environment.cluster_name }
output "cluster_endpoint" { value = module.eks_environment.cluster_endpoint }
output "cluster_certificate_authority_data" { value = module.eks_environment.cluster_certificate_authority_data }
output "oidc_provider_arn" { value = module.eks_environment.oidc_provider_arn }
output "irsa_role_arns" { value = module.eks_environment.irsa_role_arns }
