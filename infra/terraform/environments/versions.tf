terraform {
  required_version = ">= 1.6.0"

  # The providers and their versions are the module's
  # (modules/eks-environment/versions.tf): Terraform applies every module's
  # constraints to the whole configuration.

  # One state per environment: the Jenkinsfile passes
  #   -backend-config=key=environments/<name>/terraform.tfstate
  # and the bucket and region through -backend-config too (from the Jenkins
  # job's environment), so no account detail is in Git. The lock table is
  # fixed here so that locking can never be configured away.
  backend "s3" {
    encrypt        = true
    dynamodb_table = "eks-portal-terraform-locks"
  }
}
