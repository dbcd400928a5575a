from django.urls import path

from . import views

urlpatterns = [
    path("mynews/submit/", views.story_submit, name="story_submit"),
    path("mynews/mine/", views.my_submissions, name="my_submissions"),
    path("mynews/mine/<int:pk>/", views.story_submit, name="story_edit"),
    path("mynews/mine/<int:pk>/delete/", views.story_delete, name="story_delete"),
    path("galleries/", views.galleries, name="galleries"),
    path("galleries/submit/", views.picture_submit, name="picture_submit"),
    path("galleries/<int:pk>/", views.picture_detail, name="reader_picture"),
    path("galleries/albums/<int:pk>/", views.album_detail, name="album"),
]
